using System.Globalization;

namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// One DynamoDB attribute value of the kinds the record uses: a string (<c>S</c>), a number (<c>N</c>, kept as its
/// decimal text), a list (<c>L</c>) or a map (<c>M</c>).
/// </summary>
internal sealed record AttributeValue
{
    private AttributeValue()
    {
    }

    public string? S { get; private init; }

    public string? N { get; private init; }

    public IReadOnlyList<AttributeValue>? L { get; private init; }

    public IReadOnlyDictionary<string, AttributeValue>? M { get; private init; }

    public static AttributeValue String(string value) => new() { S = value };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Number(string decimalText) => new() { N = decimalText };

    public static AttributeValue List(IReadOnlyList<AttributeValue> items) => new() { L = items };

    public static AttributeValue Map(IReadOnlyDictionary<string, AttributeValue> members) => new() { M = members };

    /// <summary>The number as a whole <see cref="long"/>, or null when this is not a whole number.</summary>
    public long? AsLong() => long.TryParse(N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
