namespace EmrStudio.Benchmarks;

/// <summary>Events handled back to back by one process: the time per event and the process's peak RSS after all of them.</summary>
internal sealed record WarmSample(IReadOnlyList<double> Milliseconds, long PeakResidentKib);
