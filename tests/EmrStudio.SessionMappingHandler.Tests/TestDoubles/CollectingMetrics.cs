using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>Keeps the metric sets written, in order.</summary>
internal sealed class CollectingMetrics : IMetricSink
{
    public List<MetricSet> Sets { get; } = [];

    public void Write(string message, MetricSet metrics) => Sets.Add(metrics);

    /// <summary>The value of <paramref name="metric"/> in the first set that has it without a StudioId dimension.</summary>
    public long Count(string metric) =>
        Sets.First(set => set.Dimensions.All(d => d.Key != "StudioId") && set.Counts.Any(c => c.Key == metric)).Counts.First(c => c.Key == metric).Value;
}
