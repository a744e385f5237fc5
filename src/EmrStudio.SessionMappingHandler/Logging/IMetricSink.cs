namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>Publishes metrics: in Lambda, one embedded-metric-format line in the function's log, which CloudWatch turns into metrics.</summary>
internal interface IMetricSink
{
    void Write(string message, MetricSet metrics);
}
