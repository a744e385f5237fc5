using Amazon.CDK.AWS.EMR;

namespace EmrStudio.Cdk;

/// <summary>
/// The EMR Studio a session mapping belongs to: a literal studio id, a token, a studio defined in the same app, or a
/// studio's name, which the handler resolves in the stack's account and region when it acts.
/// </summary>
/// <example><code>StudioReference.FromId("es-0123456789ABCDEFGHIJKLMNO")</code></example>
public sealed class StudioReference
{
    private StudioReference(string? studioId, string? studioName)
    {
        StudioId = studioId;
        StudioName = studioName;
    }

    /// <summary>The studio's id (<c>es-...</c>), possibly a token; <see langword="null"/> when the studio is named by <see cref="StudioName"/>.</summary>
    public string? StudioId { get; }

    /// <summary>The studio's name, possibly a token; <see langword="null"/> when the studio is named by <see cref="StudioId"/>.</summary>
    public string? StudioName { get; }

    /// <summary>A studio by its id, such as <c>es-0123456789ABCDEFGHIJKLMNO</c>, or a token that resolves to one.</summary>
    /// <param name="studioId">The studio id; validated at synth time unless it is a token.</param>
    public static StudioReference FromId(string studioId) => new(studioId, null);

    /// <summary>
    /// A studio by its name: the resource's <c>StudioName</c> property instead of <c>StudioId</c>. The handler looks the
    /// name up (ListStudios) in the account and region where it runs, so one definition names the same studio in every
    /// account of a StackSet; a name that matches no studio, or several, fails the resource before any mapping call.
    /// The mapping's id and its <c>StudioId</c> attribute name the resolved studio's id.
    /// </summary>
    /// <param name="studioName">The studio's name, 1 to 256 characters without control characters, or a token.</param>
    public static StudioReference FromName(string studioName) => new(null, studioName);

    /// <summary>A studio defined in the same app; the mapping then depends on it.</summary>
    /// <param name="studio">The studio resource.</param>
    public static StudioReference FromCfnStudio(CfnStudio studio)
    {
        ArgumentNullException.ThrowIfNull(studio);
        return new(studio.AttrStudioId, null);
    }

    /// <summary>Same as <see cref="FromId"/>: lets a studio id be written where a reference is expected.</summary>
    /// <param name="studioId">The studio id.</param>
    public static implicit operator StudioReference(string studioId) => new(studioId, null);

    /// <summary>Same as <see cref="FromCfnStudio"/>.</summary>
    /// <param name="studio">The studio resource.</param>
    public static implicit operator StudioReference(CfnStudio studio) => new(studio?.AttrStudioId!, null);

    /// <summary>Same as <see cref="FromId"/>; the named alternative to the implicit conversion from a string.</summary>
    /// <param name="studioId">The studio id.</param>
    public static StudioReference FromString(string studioId) => FromId(studioId);

    /// <inheritdoc/>
    public override string ToString() => StudioName is null ? StudioId ?? string.Empty : $"studio named '{StudioName}'";
}
