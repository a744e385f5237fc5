using System.Globalization;
using EmrStudio.Testing.Stacks.StackSets;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// What one rollout scenario did: the StackSet's instances afterwards and how the scenario's operations ended per
/// instance, the EMR calls the handlers made (by operation and region), the mappings EMR holds in every account and
/// region against those the live stacks declare, the live stacks left, how long it took, and every difference found
/// (a mapping leaked or missing, a stack in a failed state, a rule broken on the way).
/// </summary>
public sealed record StackSetScenarioResult(
    string Scenario,
    int Accounts,
    int Regions,
    int Instances,
    int Succeeded,
    int Failed,
    int Cancelled,
    int EmrCalls,
    IReadOnlyDictionary<string, int> EmrCallsByOperation,
    IReadOnlyDictionary<string, int> EmrCallsByRegion,
    int FinalMappings,
    int DeclaredMappings,
    int LiveStacks,
    TimeSpan Elapsed,
    IReadOnlyList<StackSetOperation> Operations,
    IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scenario,-26} {Accounts}x{Regions}: instances {Instances,3} (ok {Succeeded}, failed {Failed}, cancelled {Cancelled}), EMR calls {EmrCalls,4}, ")
        + string.Create(CultureInfo.InvariantCulture, $"mappings {FinalMappings}/{DeclaredMappings} declared, stacks {LiveStacks}, {Elapsed.TotalSeconds:0.0} s")
        + (Problems.Count == 0 ? string.Empty : $", {Problems.Count} problem(s):\n  " + string.Join("\n  ", Problems));
}
