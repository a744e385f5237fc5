namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>How an attempt to repair one drift ended, and why, when it did not repair it.</summary>
internal sealed record RepairResult(bool Repaired, bool Failed, string? Note)
{
    public static RepairResult Done { get; } = new(true, false, null);

    /// <summary>Not attempted, because the record or the stack changed meanwhile: the stack's own operation settles it.</summary>
    public static RepairResult LeftAlone(string why) => new(false, false, why);

    public static RepairResult FailedBecause(string why) => new(false, true, why);
}
