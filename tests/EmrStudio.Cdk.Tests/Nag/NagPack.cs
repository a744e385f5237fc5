using System.Text.Json;
using EmrStudio.Testing;
using EmrStudio.Testing.Emulators;
using EmrStudio.Testing.Reporting;
using EmrStudio.Testing.Tools;
using Xunit.Abstractions;

namespace EmrStudio.Cdk.Tests.Nag;

/// <summary>
/// cdk-nag's AwsSolutions pack, run by Node.js on synthesized templates (check-templates.js next to this file), from
/// npm packages pinned by the package-lock.json beside it and installed once per lock file into <c>artifacts/npm/</c>.
/// </summary>
internal static class NagPack
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions ReportJson = new() { PropertyNameCaseInsensitive = true };
    private static readonly NpmPackageSet Packages =
        new(Path.GetDirectoryName(RepositoryRoot.File("tests/EmrStudio.Cdk.Tests/Nag/check-templates.js"))!, "cdk-nag");

    /// <summary>The unacknowledged findings of each template, in the order given.</summary>
    public static IReadOnlyList<NagReport> Check(IReadOnlyCollection<string> templateFiles, IMessageSink sink)
    {
        var directory = Packages.Install(sink);
        RequiredTool.Node.Require();
        using var progress = StepProgress.Start(sink, $"Running cdk-nag's AwsSolutions pack on {templateFiles.Count} synthesized templates");
        var output = ExternalProcess.Run(directory, CheckTimeout, "node", ["check-templates.js", .. templateFiles], progress);
        return JsonSerializer.Deserialize<List<NagReport>>(output, ReportJson)
            ?? throw new InvalidOperationException("check-templates.js printed no report.");
    }
}
