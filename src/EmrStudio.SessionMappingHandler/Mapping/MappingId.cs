using System.Text;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// The canonical name of a session mapping, used as its PhysicalResourceId:
/// <c>emrstudio:&lt;StudioId&gt;/&lt;IdentityType&gt;/&lt;IdentityId, percent-encoded&gt;</c>, e.g.
/// <c>emrstudio:es-0123456789ABCDEFGHIJKLMNO/GROUP/9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666</c>.
/// </summary>
/// <remarks>
/// The identity is the IdentityId as EMR reports it, never the name: a template that switches from a principal's
/// name to its id keeps the same resource, and a rename orphans nothing. Studio ids and types contain no '/', and
/// the identity is encoded by <see cref="IdentityEncoding"/>, so parsing is unambiguous. Anything that does not read
/// back to exactly the same string (sentinels, ids CloudFormation generated, junk) is not one of ours. The construct
/// library compiles this file in, so that an id it imports is checked by these very rules.
/// </remarks>
internal sealed class MappingId : IEquatable<MappingId>
{
    public const string Prefix = "emrstudio:";

    /// <summary>What an id must be, phrased to follow its name, for those who give one (an import in the construct).</summary>
    public const string ShapeRule = "must be a session mapping id, emrstudio:<StudioId>/<USER or GROUP>/<IdentityId, percent-encoded>";

    /// <summary>CloudFormation's limit on a PhysicalResourceId, counted in UTF-8 bytes to be safe.</summary>
    public const int MaxBytes = PhysicalResourceIdLimit.MaxBytes;

    private MappingId(string studioId, string identityType, string identityId, string value)
    {
        StudioId = studioId;
        IdentityType = identityType;
        IdentityId = identityId;
        Value = value;
    }

    public string StudioId { get; }

    public string IdentityType { get; }

    public string IdentityId { get; }

    /// <summary>The PhysicalResourceId.</summary>
    public string Value { get; }

    /// <summary>
    /// Null when the parts cannot name a mapping: a studio id or type EMR does not issue, an identity that breaks the
    /// text rule of <see cref="PropertyRules"/> (empty, over-long, malformed, or with a control character, U+FFFE or
    /// U+FFFF), or a result over 1 KB (only reachable with a studio id far longer than EMR's).
    /// </summary>
    /// <remarks>
    /// The identity is what EMR reported, so it only has to be text EMR can take back: no Identity Store id shape is
    /// asked for. An id naming anything else cannot be one of ours, and must never reach EMR: a Delete for it would be
    /// refused as invalid and stop the stack's deletion instead of succeeding.
    /// </remarks>
    public static MappingId? TryCreate(string? studioId, string? identityType, string? identityId)
    {
        if (!PropertyRules.StudioId.Accepts(studioId)
            || !PropertyRules.IdentityType.Accepts(identityType)
            || !PropertyRules.IsAllowedText(identityId))
        {
            return null;
        }

        var value = $"{Prefix}{studioId}/{identityType}/{IdentityEncoding.Encode(identityId)}";
        return Encoding.UTF8.GetByteCount(value) <= MaxBytes ? new MappingId(studioId, identityType, identityId, value) : null;
    }

    /// <summary>The mapping a PhysicalResourceId names, or null when it is not one of ours.</summary>
    public static MappingId? Parse(string? physicalResourceId)
    {
        if (physicalResourceId is null || !physicalResourceId.StartsWith(Prefix, StringComparison.Ordinal)
            || physicalResourceId.Length > MaxBytes)
        {
            return null;
        }

        var rest = physicalResourceId.AsSpan(Prefix.Length);
        var studioEnd = rest.IndexOf('/');
        if (studioEnd < 0)
        {
            return null;
        }

        var studioId = rest[..studioEnd].ToString();
        rest = rest[(studioEnd + 1)..];
        var typeEnd = rest.IndexOf('/');
        if (typeEnd < 0)
        {
            return null;
        }

        var identityType = rest[..typeEnd].ToString();
        var identityId = IdentityEncoding.Decode(rest[(typeEnd + 1)..]);
        var id = TryCreate(studioId, identityType, identityId);
        return id is not null && id.Value == physicalResourceId ? id : null;
    }

    public bool Equals(MappingId? other) => other is not null && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as MappingId);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Value;
}
