using System.Text.Json.Nodes;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.Cdk.Tests.Apps;

/// <summary>The sample app (what cdk.json runs) refuses a bad value with one line and an exit code, not a crash.</summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class SampleAppProcessTests
{
    private static readonly string SampleApp = AppProcess.BuiltApp("SampleApp");

    [Fact]
    public void Synth_InvalidStudioId_PrintsOneLineNamingPathAndRuleAndExitsWithOne()
    {
        var outdir = Directory.CreateTempSubdirectory("emrstudio-sample-").FullName;
        try
        {
            var run = AppProcess.Run(SampleApp, outdir, new Dictionary<string, string?>
            {
                ["CDK_OUTDIR"] = outdir,
                ["CDK_CONTEXT_JSON"] = new JsonObject { ["studioId"] = "bad" }.ToJsonString(),
            });

            Assert.True(run.ExitCode == 1, run.ToString());
            var error = Assert.Single(run.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
            Assert.Equal("error: EmrStudioSessionMappings/DataScientists: StudioId must match ^es-[0-9A-Z]+$ (got 'bad').", error);
            Assert.DoesNotContain("Unhandled exception", run.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain(run.ErrorLines, l => l.StartsWith("at ", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(outdir, "EmrStudioSessionMappings.template.json")), run.ToString());
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }
}
