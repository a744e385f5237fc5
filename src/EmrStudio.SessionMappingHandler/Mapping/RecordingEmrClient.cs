using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping;

/// <summary>
/// Passes calls through to EMR and remembers them for the event's log line, so an operator can see what one event
/// did to EMR without reading the code.
/// </summary>
internal sealed class RecordingEmrClient : IEmrClient
{
    private readonly IEmrClient _inner;
    private readonly List<string> _operations = [];

    public RecordingEmrClient(IEmrClient inner) => _inner = inner;

    public int CallCount => _operations.Count;

    public IReadOnlyList<string> Operations => _operations;

    public bool CompensatingDeleteRan { get; private set; }

    /// <summary>What the event did, in a word: created, adopted, restored, updated, unchanged, recreated, replaced, deleted, ...</summary>
    public string? Action { get; set; }

    /// <summary>The stack's status, when CloudFormation was asked for it.</summary>
    public string? StackStatus { get; set; }

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

    public IReadOnlyDictionary<string, object?> ToLogFields() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["emrCalls"] = CallCount,
        ["emrOperations"] = string.Join(',', _operations),
        ["compensatingDelete"] = CompensatingDeleteRan,
        ["mappingAction"] = Action,
        ["stackStatus"] = StackStatus,
    };
}
