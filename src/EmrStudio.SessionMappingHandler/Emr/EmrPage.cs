namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>One page of a List call, and the marker of the next (null after the last).</summary>
internal sealed record EmrPage<T>(IReadOnlyList<T> Items, string? NextMarker);
