using EmrStudio.Scale.Reconcile;
using EmrStudio.Scale.Stacks;
using EmrStudio.Scale.StackSets;

namespace EmrStudio.Scale;

/// <summary>
/// Every group of rows the scale command prints, in order. Another one is an <see cref="IScaleScenario"/> added to
/// this list: it gets the settings, the published bootstrap and progress through <see cref="ScaleContext"/>, and
/// returns its table and its failed checks.
/// </summary>
internal static class ScaleScenarios
{
    public static IReadOnlyList<IScaleScenario> All { get; } =
    [
        new StackScaleScenario(),
        new ReconcileScaleScenario(),
        new StackSetScaleScenario(),
    ];
}
