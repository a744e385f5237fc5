namespace EmrStudio.Benchmarks;

/// <summary>Everything measured for one build.</summary>
internal sealed record BuildResult(
    string Name,
    Distribution ColdStartMs,
    Distribution WarmEventMs,
    double ColdPeakRssMib,
    double WarmPeakRssMib,
    long BootstrapBytes,
    long? ZipBytes,
    IReadOnlyList<double> ColdStartSamplesMs);
