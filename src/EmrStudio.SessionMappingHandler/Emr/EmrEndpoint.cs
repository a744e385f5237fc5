namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>Where EMR calls go, and the region their SigV4 signature is scoped to.</summary>
internal sealed record EmrEndpoint(Uri Url, string SigningRegion);
