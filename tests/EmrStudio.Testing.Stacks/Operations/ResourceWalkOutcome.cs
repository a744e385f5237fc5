namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>How a <see cref="ResourceWalk"/> ended, each list in the walk's order.</summary>
/// <param name="Succeeded">Resources whose step succeeded.</param>
/// <param name="Failed">Resources whose step failed or threw.</param>
/// <param name="NotStarted">Resources whose step never started: stopped by a failure, or waiting for a failed one.</param>
internal sealed record ResourceWalkOutcome(IReadOnlyList<string> Succeeded, IReadOnlyList<string> Failed, IReadOnlyList<string> NotStarted);
