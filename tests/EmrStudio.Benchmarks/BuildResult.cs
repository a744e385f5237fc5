namespace EmrStudio.Benchmarks;

/// <summary>Everything measured for one handler build.</summary>
internal sealed record BuildResult(
    string Name,
    ColdStartSummary ColdStart,
    Distribution WarmEventMs,
    double ColdPeakRssMib,
    double WarmPeakRssMib,
    long BootstrapBytes,
    long? ZipBytes,
    IReadOnlyList<double> TotalSamplesMs,
    IReadOnlyList<double> ToAnswerSamplesMs,
    IReadOnlyList<double> CpuSamplesMs);
