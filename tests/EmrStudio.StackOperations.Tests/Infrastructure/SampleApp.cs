using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Templates;
using EmrStudio.Testing.Tools;

namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>
/// The sample CDK app (cdk/EmrStudio.Cdk.Sample), synthesized as <c>cdk synth -c studioId=...</c> runs it: the app's
/// own build run as a process with CDK_OUTDIR and CDK_CONTEXT_JSON, the handler asset from the published bootstrap.
/// </summary>
internal static class SampleApp
{
    public const string StackName = "EmrStudioSessionMappings";

    private static readonly Dictionary<string, CloudFormationTemplate> Cache = new(StringComparer.Ordinal);

    public static CloudFormationTemplate Synthesize(string studioId, string handlerDirectory)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(studioId, out var cached))
            {
                return cached;
            }

            RequiredTool.Dotnet.Require();
            RequiredTool.Node.Require();
            var outdir = Path.Combine(Path.GetTempPath(), $"emrstudio-sample-{Guid.NewGuid():N}");
            var app = typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleApp").Value!;
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(app);
            start.Environment["CDK_OUTDIR"] = outdir;
            start.Environment["CDK_CONTEXT_JSON"] = new JsonObject { ["studioId"] = studioId }.ToJsonString();
            start.Environment["EMRSTUDIO_HANDLER_ASSET"] = handlerDirectory;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)) || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The sample app did not synthesize (exit {(process.HasExited ? process.ExitCode : -1)}):\n{stdout}\n{stderr.Result}");
            }

            try
            {
                var template = CloudFormationTemplate.FromJson(
                    File.ReadAllText(Path.Combine(outdir, StackName + ".template.json")), $"sample app (studioId {studioId})");
                Cache[studioId] = template;
                return template;
            }
            finally
            {
                Directory.Delete(outdir, recursive: true);
            }
        }
    }
}
