namespace EmrStudio.Benchmarks;

/// <summary>
/// One cold start, as instants on the benchmark's clock: the spawn, the first <c>GET /next</c> (the runtime is ready),
/// EMR's receipt of the first call, the ResponseURL's receipt of the answer (CloudFormation has it) and the Runtime
/// API's receipt of the result (the invocation is over). The CPU time the process used and its peak RSS are read once
/// it waits for the next event.
/// </summary>
internal sealed record ColdStartSample(
    DateTimeOffset Spawned,
    DateTimeOffset Ready,
    DateTimeOffset FirstEmrCall,
    DateTimeOffset Answered,
    DateTimeOffset ResultPosted,
    double CpuMs,
    long PeakResidentKib)
{
    public double SpawnToReadyMs => Ms(Spawned, Ready);

    public double ReadyToFirstEmrCallMs => Ms(Ready, FirstEmrCall);

    public double FirstEmrCallToAnswerMs => Ms(FirstEmrCall, Answered);

    public double AnswerToResultMs => Ms(Answered, ResultPosted);

    /// <summary>Spawn to CloudFormation's answer.</summary>
    public double ToAnswerMs => Ms(Spawned, Answered);

    /// <summary>Spawn to the posted result: the whole cold start.</summary>
    public double TotalMs => Ms(Spawned, ResultPosted);

    private static double Ms(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalMilliseconds;
}
