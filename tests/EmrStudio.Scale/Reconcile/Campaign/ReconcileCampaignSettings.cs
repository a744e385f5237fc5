using EmrStudio.SessionMappingHandler.Reconcile;

namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>How a <see cref="ReconcileCampaign"/> runs the scheduled reconcile.</summary>
internal sealed record ReconcileCampaignSettings
{
    /// <summary>The template's function timeout: each run's time.</summary>
    public static readonly TimeSpan DefaultFunctionTime = TimeSpan.FromSeconds(120);

    /// <summary>The function's clock: a <see cref="VirtualClock"/> for a simulated schedule, or the system clock for a measured run.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>How the runs behave; the options' pacing, time reserve and per-record timeout apply on <see cref="Clock"/>.</summary>
    public ReconcileOptions Options { get; init; } = new() { FunctionName = "EmrStudioSessionMapping" };

    /// <summary>The time of each run, from its start to the Lambda deadline.</summary>
    public TimeSpan FunctionTime { get; init; } = DefaultFunctionTime;

    /// <summary>On a <see cref="VirtualClock"/>: the function time each EMR attempt takes.</summary>
    public TimeSpan EmrLatency { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>On a <see cref="VirtualClock"/>: the time between the end of a run and the start of the next.</summary>
    public TimeSpan ScheduleInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Runs after which the campaign gives up: records still unchecked then are a failure.</summary>
    public int MaxRuns { get; init; } = 100;

    /// <summary>Hears one line after every run.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Seeds the jitter of the EMR client's backoff, so that a campaign on a <see cref="VirtualClock"/> repeats exactly.</summary>
    public int BackoffSeed { get; init; } = 17;
}
