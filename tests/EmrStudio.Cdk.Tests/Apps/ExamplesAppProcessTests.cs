using EmrStudio.Cdk.Examples;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.Cdk.Tests.Apps;

/// <summary>The examples app, run on its own as the docs say, writes its templates to the examples project's cdk.out/.</summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class ExamplesAppProcessTests
{
    private static readonly string[] Stacks = ["AdoptedMapping", "ConfiguredHandler", "HandlerInVpc", "ImportedMapping", "UserAndGroup"];

    [Fact]
    public void Run_WithoutTheCli_WritesEveryTemplateToTheProjectsCdkOutFromAnyFolder()
    {
        var outdir = Path.Combine(ExamplesOutput.ProjectDirectory, "cdk.out");
        var templates = Stacks.Select(s => Path.Combine(outdir, s + ".template.json")).ToList();
        // On a fresh clone the folder doesn't exist yet; the app must create it.
        if (Directory.Exists(outdir))
        {
            templates.ForEach(File.Delete);
        }

        var elsewhere = Directory.CreateTempSubdirectory("emrstudio-examples-cwd-").FullName;
        try
        {
            var run = AppProcess.Run(
                AppProcess.BuiltApp("ExamplesApp"),
                elsewhere,
                new Dictionary<string, string?> { [ExamplesOutput.CliVariable] = null });

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.All(templates, t => Assert.True(File.Exists(t), $"{t} is missing\n{run}"));
            Assert.Contains($"Synthesized {Stacks.Length} example stacks into {outdir}", run.ErrorLines);
            Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
