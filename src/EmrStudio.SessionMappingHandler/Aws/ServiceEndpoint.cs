namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>Where one AWS service's calls go, and the region their SigV4 signature is scoped to.</summary>
internal sealed record ServiceEndpoint(Uri Url, string SigningRegion);
