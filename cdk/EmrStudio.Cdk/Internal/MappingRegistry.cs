using Amazon.CDK;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The mappings of one stack, by construct path, for the guards that synth can decide: two mappings of the same
/// principal, and a mapping on a studio that the handler's role may not touch. Tokens are left to the deployment.
/// </summary>
internal sealed class MappingRegistry
{
    private readonly Dictionary<MappingKey, string> _pathsByKey = [];
    private readonly List<(string StudioId, string Path)> _literalStudios = [];

    /// <summary>Records a mapping; a second one for the same literal studio, identity type and identity fails, naming both.</summary>
    public void Add(string path, MappingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.LiteralStudioId is { } studioId)
        {
            _literalStudios.Add((studioId, path));
        }

        if (!key.IsLiteral)
        {
            return;
        }

        if (_pathsByKey.TryGetValue(key, out var existing))
        {
            throw Validation.Error(path, "Identity",
                $"maps {key}, as '{existing}' already does: EMR keeps one mapping per studio, identity type and principal, so keep one of the two.");
        }

        _pathsByKey.Add(key, path);
    }

    /// <summary>Fails if a recorded mapping uses a literal studio that <paramref name="allowedStudios"/> leaves out.</summary>
    public void CheckStudiosAllowed(IReadOnlyList<string> allowedStudios, string optionsPath)
    {
        foreach (var (studioId, path) in _literalStudios)
        {
            CheckStudioAllowed(studioId, path, allowedStudios, optionsPath);
        }
    }

    /// <summary>
    /// An empty list allows every studio; a list with a token may hold any studio, so only a list of literals
    /// can refuse one.
    /// </summary>
    public static void CheckStudioAllowed(string studioId, string path, IReadOnlyList<string> allowedStudios, string optionsPath)
    {
        ArgumentNullException.ThrowIfNull(allowedStudios);
        if (allowedStudios.Count == 0 || Token.IsUnresolved(studioId) || allowedStudios.Any(Token.IsUnresolved) || allowedStudios.Contains(studioId, StringComparer.Ordinal))
        {
            return;
        }

        throw Validation.Error(path, "StudioId",
            $"'{studioId}' is not among the HandlerOptions.Studios that '{optionsPath}' gave the stack's shared handler: its role may manage only those studios, so add it there.");
    }
}
