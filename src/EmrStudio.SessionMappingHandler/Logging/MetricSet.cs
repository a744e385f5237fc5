namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>
/// CloudWatch metrics of one moment, as embedded metric format carries them: a namespace, the dimensions every
/// metric of the set has, and the counts.
/// </summary>
internal sealed record MetricSet(string Namespace, IReadOnlyList<KeyValuePair<string, string>> Dimensions, IReadOnlyList<KeyValuePair<string, long>> Counts);
