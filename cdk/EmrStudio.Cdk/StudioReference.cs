using Amazon.CDK.AWS.EMR;

namespace EmrStudio.Cdk;

/// <summary>The EMR Studio a session mapping belongs to: a literal studio id, a token, or a studio defined in the same app.</summary>
/// <example><code>StudioReference.FromId("es-0123456789ABCDEFGHIJKLMNO")</code></example>
public sealed class StudioReference
{
    private StudioReference(string studioId) => StudioId = studioId;

    /// <summary>The studio's id (<c>es-...</c>), possibly a token.</summary>
    public string StudioId { get; }

    /// <summary>A studio by its id, such as <c>es-0123456789ABCDEFGHIJKLMNO</c>, or a token that resolves to one.</summary>
    /// <param name="studioId">The studio id; validated at synth time unless it is a token.</param>
    public static StudioReference FromId(string studioId) => new(studioId);

    /// <summary>A studio defined in the same app; the mapping then depends on it.</summary>
    /// <param name="studio">The studio resource.</param>
    public static StudioReference FromCfnStudio(CfnStudio studio)
    {
        ArgumentNullException.ThrowIfNull(studio);
        return new(studio.AttrStudioId);
    }

    /// <summary>Same as <see cref="FromId"/>: lets a studio id be written where a reference is expected.</summary>
    /// <param name="studioId">The studio id.</param>
    public static implicit operator StudioReference(string studioId) => new(studioId);

    /// <summary>Same as <see cref="FromCfnStudio"/>.</summary>
    /// <param name="studio">The studio resource.</param>
    public static implicit operator StudioReference(CfnStudio studio) => new(studio?.AttrStudioId!);

    /// <summary>Same as <see cref="FromId"/>; the named alternative to the implicit conversion from a string.</summary>
    /// <param name="studioId">The studio id.</param>
    public static StudioReference FromString(string studioId) => FromId(studioId);

    /// <inheritdoc/>
    public override string ToString() => StudioId;
}
