namespace EmrStudio.Cdk;

/// <summary>
/// The IAM Identity Center user or group that a session mapping grants access to, named either by its display name
/// or by its Identity Store id.
/// </summary>
/// <example><code>StudioIdentity.Group("data-scientists")</code></example>
public sealed class StudioIdentity
{
    private StudioIdentity(StudioIdentityType type, string? name, string? id)
    {
        Type = type;
        Name = name;
        Id = id;
    }

    /// <summary>Whether the principal is a user or a group.</summary>
    public StudioIdentityType Type { get; }

    /// <summary>The principal's name (<c>IdentityName</c>), or <see langword="null"/> when it is named by id.</summary>
    public string? Name { get; }

    /// <summary>The principal's Identity Store id (<c>IdentityId</c>), or <see langword="null"/> when it is named by name.</summary>
    public string? Id { get; }

    /// <summary>A user named by its user name in IAM Identity Center.</summary>
    /// <param name="name">The user name, 1 to 256 characters without control characters, or a token.</param>
    public static StudioIdentity User(string name) => new(StudioIdentityType.User, name, null);

    /// <summary>A group named by its display name in IAM Identity Center.</summary>
    /// <param name="name">The group name, 1 to 256 characters without control characters, or a token.</param>
    public static StudioIdentity Group(string name) => new(StudioIdentityType.Group, name, null);

    /// <summary>A user named by its Identity Store id (a GUID, optionally prefixed with a 10-digit hex store id and a dash).</summary>
    /// <param name="id">The Identity Store user id, or a token.</param>
    public static StudioIdentity UserId(string id) => new(StudioIdentityType.User, null, id);

    /// <summary>A group named by its Identity Store id (a GUID, optionally prefixed with a 10-digit hex store id and a dash).</summary>
    /// <param name="id">The Identity Store group id, or a token.</param>
    public static StudioIdentity GroupId(string id) => new(StudioIdentityType.Group, null, id);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Type == StudioIdentityType.User ? "USER" : "GROUP")} {(Name is null ? "id " + Id : "name " + Name)}";
}
