namespace EmrStudio.CodePublisher.Cli;

/// <summary>The process's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Every region has its bucket, its settings and the code.</summary>
    public const int Success = 0;

    /// <summary>At least one region failed; the others' results are in the output.</summary>
    public const int RegionFailed = 1;

    /// <summary>The inputs (or the credentials) were unusable: nothing was called.</summary>
    public const int InvalidInput = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
