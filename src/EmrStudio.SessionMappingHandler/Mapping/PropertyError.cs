namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>One broken rule, phrased for a Reason: <c>StudioId: must match ^es-[0-9A-Z]+$ (got 'abc')</c>.</summary>
internal sealed record PropertyError(string Property, string Rule)
{
    public override string ToString() => $"{Property}: {Rule}";
}
