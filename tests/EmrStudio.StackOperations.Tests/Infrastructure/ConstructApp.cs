using Amazon.CDK;
using EmrStudio.Testing.Stacks.Templates;
using EmrStudio.Testing.Tools;

namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>Stacks built in this process with the construct library, synthesized as <c>cdk synth</c> would write them.</summary>
internal static class ConstructApp
{
    private static readonly Lock Gate = new();

    public static CloudFormationTemplate Synthesize(string handlerDirectory, string description, Action<Stack> define)
    {
        // The CDK's .NET bindings run the construct library in Node.js (jsii).
        RequiredTool.Node.Require();
        lock (Gate)
        {
            System.Environment.SetEnvironmentVariable("EMRSTUDIO_HANDLER_ASSET", handlerDirectory);
            var outdir = Path.Combine(Path.GetTempPath(), $"emrstudio-construct-{Guid.NewGuid():N}");
            try
            {
                var app = new App(new AppProps { Outdir = outdir });
                var stack = new Stack(app, "Mappings");
                define(stack);
                _ = app.Synth();
                return CloudFormationTemplate.FromJson(File.ReadAllText(Path.Combine(outdir, stack.TemplateFile)), description);
            }
            finally
            {
                if (Directory.Exists(outdir))
                {
                    Directory.Delete(outdir, recursive: true);
                }
            }
        }
    }
}
