namespace EmrStudio.Benchmarks;

/// <summary>One cold start: process start to the CloudFormation answer, and the process's peak RSS once it waits for the next event.</summary>
internal sealed record ColdStartSample(double Milliseconds, long PeakResidentKib);
