using EmrStudio.SessionMappingHandler.Emr;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Passes calls through to EMR and remembers them for the event's log line, so an operator can see what one event
/// did to EMR without reading the code.
/// </summary>
internal sealed class RecordingEmrClient : IEmrClient
{
    private readonly IEmrClient _inner;
    private readonly List<string> _operations = [];

    public RecordingEmrClient(IEmrClient inner) => _inner = inner;

    public bool CompensatingDeleteRan { get; private set; }

    public void NoteCompensatingDelete() => CompensatingDeleteRan = true;

    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken)
    {
        _operations.Add("CreateStudioSessionMapping");
        return _inner.CreateStudioSessionMappingAsync(input, cancellationToken);
    }

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken)
    {
        _operations.Add("UpdateStudioSessionMapping");
        return _inner.UpdateStudioSessionMappingAsync(input, cancellationToken);
    }

    public Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        _operations.Add("GetStudioSessionMapping");
        return _inner.GetStudioSessionMappingAsync(key, cancellationToken);
    }

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        _operations.Add("DeleteStudioSessionMapping");
        return _inner.DeleteStudioSessionMappingAsync(key, cancellationToken);
    }

    public Task<EmrPage<StudioSummary>> ListStudiosAsync(string? marker, CancellationToken cancellationToken)
    {
        _operations.Add("ListStudios");
        return _inner.ListStudiosAsync(marker, cancellationToken);
    }

    public Task<EmrPage<SessionMappingDetail>> ListStudioSessionMappingsAsync(string studioId, string? marker, CancellationToken cancellationToken)
    {
        _operations.Add("ListStudioSessionMappings");
        return _inner.ListStudioSessionMappingsAsync(studioId, marker, cancellationToken);
    }

    /// <summary>The event's log fields: the EMR calls made and what they achieved.</summary>
    public IReadOnlyDictionary<string, object?> ToLogFields(MappingAction action, string? stackStatus) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["emrCalls"] = _operations.Count,
            ["emrOperations"] = string.Join(',', _operations),
            ["compensatingDelete"] = CompensatingDeleteRan,
            ["mappingAction"] = KebabCase(action.ToString()),
            ["stackStatus"] = stackStatus,
        };

    private static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        foreach (var character in name)
        {
            if (char.IsAsciiLetterUpper(character) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }
}
