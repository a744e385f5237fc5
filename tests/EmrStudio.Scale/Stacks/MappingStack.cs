using System.Text.Json.Nodes;
using Amazon.CDK;
using EmrStudio.Cdk;
using EmrStudio.Testing.Stacks.Templates;
using EmrStudio.Testing.Tools;

namespace EmrStudio.Scale.Stacks;

/// <summary>
/// A stack of many mappings as a CDK app declares it: one <see cref="StudioSessionMapping"/> per user, the handler
/// deployed once beside them, synthesized by the construct library with the published bootstrap as its asset.
/// </summary>
internal static class MappingStack
{
    public const string MappingType = "Custom::EmrStudioSessionMapping";

    public static CloudFormationTemplate Synthesize(string handlerDirectory, string studioId, IReadOnlyList<string> userNames, string policyArn)
    {
        ArgumentNullException.ThrowIfNull(userNames);
        // The CDK's .NET bindings run the construct library in Node.js (jsii).
        RequiredTool.Node.Require();
        System.Environment.SetEnvironmentVariable("EMRSTUDIO_HANDLER_ASSET", handlerDirectory);
        var outdir = Path.Combine(Path.GetTempPath(), $"emrstudio-scale-{Guid.NewGuid():N}");
        try
        {
            var app = new App(new AppProps { Outdir = outdir });
            var stack = new Stack(app, "Mappings");
            for (var i = 0; i < userNames.Count; i++)
            {
                _ = new StudioSessionMapping(stack, $"User{i:D4}", new StudioSessionMappingProps
                {
                    StudioId = studioId,
                    Identity = StudioIdentity.User(userNames[i]),
                    SessionPolicy = policyArn,
                });
            }

            _ = app.Synth();
            return CloudFormationTemplate.FromJson(File.ReadAllText(Path.Combine(outdir, stack.TemplateFile)), $"{userNames.Count} mappings");
        }
        finally
        {
            if (Directory.Exists(outdir))
            {
                Directory.Delete(outdir, recursive: true);
            }
        }
    }

    /// <summary>The template with every mapping's session policy set to <paramref name="policyArn"/>: what a synth of the changed app gives.</summary>
    public static CloudFormationTemplate WithPolicy(CloudFormationTemplate template, string policyArn)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.With(
            root =>
            {
                foreach (var (_, resource) in (JsonObject)root["Resources"]!)
                {
                    if (resource?["Type"]?.GetValue<string>() == MappingType)
                    {
                        resource["Properties"]!["SessionPolicyArn"] = policyArn;
                    }
                }
            },
            $"{template.Description}, every policy {policyArn}");
    }
}
