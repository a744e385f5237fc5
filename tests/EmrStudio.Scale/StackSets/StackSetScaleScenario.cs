using System.Globalization;
using EmrStudio.StackOperations.Tests.StackSets;

namespace EmrStudio.Scale.StackSets;

/// <summary>
/// The organization rollout at organization scale: the StackSet tests' scenarios (create, a session-policy change, an
/// account joining and leaving with and without RetainStacks, deletion, a region whose EMR is down) over 20 accounts
/// in 3 regions, each account with its own EMR and studio ids, every mapping event on the published bootstrap.
/// </summary>
internal sealed class StackSetScaleScenario : IScaleScenario
{
    private const int Accounts = 20;
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    public string Name => "stacksets";

    public async Task<ScaleReport> RunAsync(ScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = new ScaleReport(
            "An organization rollout (StackSet)",
            ["scenario", "accounts x regions", "instances", "ok / failed / cancelled", "EMR calls", "mappings / declared", "live stacks", "time (s)"]);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"template.stackset.yaml with three mappings by StudioName, rolled out by the stack simulator's StackSets to {Accounts} accounts x {Regions.Length} regions with the StackSet's operation preferences; every account and region has its own EMR, studio ids and IAM. The outage scenario takes down EMR in the second region."));
        var results = await StackSetRollout.RunAllAsync(new StackSetRolloutOptions
        {
            BootstrapExecutable = context.Bootstrap(),
            Member = StackSetMemberTemplate.Build(),
            Accounts = Accounts,
            Regions = Regions,
            Log = context.Progress,
        });
        foreach (var result in results)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report.Row(
                result.Scenario,
                string.Create(CultureInfo.InvariantCulture, $"{result.Accounts} x {result.Regions}"),
                result.Instances.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{result.Succeeded} / {result.Failed} / {result.Cancelled}"),
                result.EmrCalls.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{result.FinalMappings} / {result.DeclaredMappings}"),
                result.LiveStacks.ToString(CultureInfo.InvariantCulture),
                result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
            report.Check(result.FinalMappings == result.DeclaredMappings, $"{result.Scenario}: {result.FinalMappings} mappings, {result.DeclaredMappings} declared");
            foreach (var problem in result.Problems)
            {
                report.Check(false, $"{result.Scenario}: {problem}");
            }
        }

        return report;
    }
}
