using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>
/// The handler's log and metrics during a campaign: thousands of lines nobody reads, except each run's closing
/// summary, whose counts are kept. Metrics are dropped.
/// </summary>
internal sealed class RunSummaryLog : ILog, IMetricSink
{
    public const string SummaryMessage = "Reconcile run finished.";

    private readonly Lock _gate = new();
    private readonly List<IReadOnlyDictionary<string, object?>> _summaries = [];

    /// <summary>The fields of every run's summary line, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Summaries
    {
        get
        {
            lock (_gate)
            {
                return [.. _summaries];
            }
        }
    }

    /// <summary>The sum of a numeric summary field over all runs.</summary>
    public long Total(string field) => Summaries.Sum(summary => summary.TryGetValue(field, out var value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0);

    public void Write(LogLevel level, string message, params ReadOnlySpan<KeyValuePair<string, object?>> fields)
    {
        if (message != SummaryMessage)
        {
            return;
        }

        var summary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            summary[name] = value;
        }

        lock (_gate)
        {
            _summaries.Add(summary);
        }
    }

    public ILog With(params ReadOnlySpan<KeyValuePair<string, object?>> fields) => this;

    public void Write(string message, MetricSet metrics)
    {
    }
}
