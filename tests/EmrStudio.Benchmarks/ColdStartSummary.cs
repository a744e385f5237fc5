namespace EmrStudio.Benchmarks;

/// <summary>The distribution of each phase of a build's cold starts, and of the whole, over the measured runs.</summary>
internal sealed record ColdStartSummary(
    Distribution SpawnToReadyMs,
    Distribution ReadyToFirstEmrCallMs,
    Distribution FirstEmrCallToAnswerMs,
    Distribution AnswerToResultMs,
    Distribution ToAnswerMs,
    Distribution TotalMs,
    Distribution CpuMs)
{
    public static ColdStartSummary Of(IReadOnlyList<ColdStartSample> samples) =>
        new(
            Distribution.Of(samples.Select(sample => sample.SpawnToReadyMs)),
            Distribution.Of(samples.Select(sample => sample.ReadyToFirstEmrCallMs)),
            Distribution.Of(samples.Select(sample => sample.FirstEmrCallToAnswerMs)),
            Distribution.Of(samples.Select(sample => sample.AnswerToResultMs)),
            Distribution.Of(samples.Select(sample => sample.ToAnswerMs)),
            Distribution.Of(samples.Select(sample => sample.TotalMs)),
            Distribution.Of(samples.Select(sample => sample.CpuMs)));
}
