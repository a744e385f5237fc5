using System.Globalization;
using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// EMR's session-mapping API in memory: studios, an Identity Store (name and id per type) and mappings keyed by
/// studio, type and IdentityId, answering with EMR's own error types and messages. Failures can be scripted per
/// operation, and every call is recorded.
/// </summary>
internal sealed class InMemoryEmrClient : IEmrClient
{
    public const string Create = "CreateStudioSessionMapping";
    public const string Update = "UpdateStudioSessionMapping";
    public const string Get = "GetStudioSessionMapping";
    public const string Delete = "DeleteStudioSessionMapping";
    public const string ListStudios = "ListStudios";
    public const string ListMappings = "ListStudioSessionMappings";

    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _studios = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Name), string> _idsByName = [];
    private readonly Dictionary<(string Type, string Id), string> _namesById = [];
    private readonly Dictionary<(string Studio, string Type, string Id), StoredMapping> _mappings = [];
    private readonly Dictionary<string, Queue<Func<Exception>>> _scriptedFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Func<Exception>>> _lostAnswers = new(StringComparer.Ordinal);

    public InMemoryEmrClient(TimeProvider time) => _time = time;

    public List<string> Calls { get; } = [];

    public IReadOnlyCollection<StoredMapping> Mappings => _mappings.Values;

    /// <summary>
    /// The next Create commits the mapping and then reports "already exists" as if its first answer had been lost and
    /// the retry had found the mapping: what the real client reports with AfterUnconfirmedAttempt.
    /// </summary>
    public bool LoseNextCreateAnswer { get; set; }

    /// <summary>Runs before each call (after it is recorded): lets a test change the world mid-event.</summary>
    public Action<string>? BeforeCall { get; set; }

    /// <summary>How many items one List call answers: small, so that paging is exercised.</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>Adds a studio; its name defaults to its id.</summary>
    public void AddStudio(string studioId, string? name = null) => _studios[studioId] = name ?? studioId;

    public void RemoveStudio(string studioId)
    {
        _studios.Remove(studioId);
        foreach (var key in _mappings.Keys.Where(k => k.Studio == studioId).ToList())
        {
            _mappings.Remove(key);
        }
    }

    public void AddIdentity(string identityType, string name, string id)
    {
        _idsByName[(identityType, name)] = id;
        _namesById[(identityType, id)] = name;
    }

    public void RenameIdentity(string identityType, string id, string newName)
    {
        var oldName = _namesById[(identityType, id)];
        _idsByName.Remove((identityType, oldName));
        AddIdentity(identityType, newName, id);
    }

    /// <summary>A mapping that exists before the test's events (someone else's, or one made out of band).</summary>
    public void Seed(string studioId, string identityType, string identityId, string policyArn, DateTimeOffset? creationTime = null)
    {
        var at = creationTime ?? _time.GetUtcNow();
        _mappings[(studioId, identityType, identityId)] = new StoredMapping
        {
            StudioId = studioId,
            IdentityType = identityType,
            IdentityId = identityId,
            SessionPolicyArn = policyArn,
            CreationTime = at,
            LastModifiedTime = at,
        };
    }

    public void RemoveOutOfBand(string studioId, string identityType, string identityId) =>
        _mappings.Remove((studioId, identityType, identityId));

    public StoredMapping? Find(string studioId, string identityType, string identityId) =>
        _mappings.GetValueOrDefault((studioId, identityType, identityId));

    /// <summary>The next call of <paramref name="operation"/> fails with <paramref name="error"/> and changes nothing.</summary>
    public void FailNext(string operation, Func<Exception> error) => Enqueue(_scriptedFailures, operation, error);

    /// <summary>
    /// The next call of <paramref name="operation"/> takes effect, then fails with <paramref name="error"/>: an answer
    /// lost on the way back (a dropped connection, the deadline, a gateway error).
    /// </summary>
    public void LoseNextAnswer(string operation, Func<Exception> error) => Enqueue(_lostAnswers, operation, error);

    public static EmrException InternalError() => new(500, "InternalServerError", "Internal error");

    public static EmrException InvalidRequest(string message) => new(400, EmrErrors.InvalidRequest, message);

    public Task CreateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken)
    {
        Enter(Create, cancellationToken);
        var id = ResolveIdentity(input.StudioId, input.IdentityType, input.IdentityId, input.IdentityName);
        if (_mappings.ContainsKey((input.StudioId, input.IdentityType, id)))
        {
            throw InvalidRequest(EmrErrors.MappingAlreadyExists);
        }

        Seed(input.StudioId, input.IdentityType, id, input.SessionPolicyArn);
        Leave(Create);
        if (LoseNextCreateAnswer)
        {
            LoseNextCreateAnswer = false;
            throw new EmrException(400, EmrErrors.InvalidRequest, EmrErrors.MappingAlreadyExists) { AfterUnconfirmedAttempt = true };
        }

        return Task.CompletedTask;
    }

    public Task UpdateStudioSessionMappingAsync(StudioSessionMappingInput input, CancellationToken cancellationToken)
    {
        Enter(Update, cancellationToken);
        var mapping = FindExisting(input.StudioId, input.IdentityType, input.IdentityId, input.IdentityName);
        mapping.SessionPolicyArn = input.SessionPolicyArn;
        mapping.LastModifiedTime = _time.GetUtcNow();
        Leave(Update);
        return Task.CompletedTask;
    }

    public Task<SessionMappingDetail> GetStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        Enter(Get, cancellationToken);
        var mapping = FindExisting(key.StudioId, key.IdentityType, key.IdentityId, key.IdentityName);
        return Task.FromResult(new SessionMappingDetail
        {
            StudioId = mapping.StudioId,
            IdentityType = mapping.IdentityType,
            IdentityId = mapping.IdentityId,
            IdentityName = _namesById.GetValueOrDefault((mapping.IdentityType, mapping.IdentityId)),
            SessionPolicyArn = mapping.SessionPolicyArn,
            CreationTime = mapping.CreationTime.ToUnixTimeMilliseconds() / 1000.0,
            LastModifiedTime = mapping.LastModifiedTime.ToUnixTimeMilliseconds() / 1000.0,
        });
    }

    public Task DeleteStudioSessionMappingAsync(StudioSessionMappingKey key, CancellationToken cancellationToken)
    {
        Enter(Delete, cancellationToken);
        var mapping = FindExisting(key.StudioId, key.IdentityType, key.IdentityId, key.IdentityName);
        _mappings.Remove((mapping.StudioId, mapping.IdentityType, mapping.IdentityId));
        Leave(Delete);
        return Task.CompletedTask;
    }

    public Task<EmrPage<StudioSummary>> ListStudiosAsync(string? marker, CancellationToken cancellationToken)
    {
        Enter(ListStudios, cancellationToken);
        var studios = _studios.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new StudioSummary { StudioId = pair.Key, Name = pair.Value })
            .ToList();
        return Task.FromResult(Page(studios, marker));
    }

    public Task<EmrPage<SessionMappingDetail>> ListStudioSessionMappingsAsync(string studioId, string? marker, CancellationToken cancellationToken)
    {
        Enter(ListMappings, cancellationToken);
        var mappings = _mappings.Values.Where(mapping => mapping.StudioId == studioId)
            .OrderBy(mapping => mapping.IdentityType, StringComparer.Ordinal)
            .ThenBy(mapping => mapping.IdentityId, StringComparer.Ordinal)
            .Select(mapping => new SessionMappingDetail
            {
                StudioId = mapping.StudioId,
                IdentityType = mapping.IdentityType,
                IdentityId = mapping.IdentityId,
                IdentityName = _namesById.GetValueOrDefault((mapping.IdentityType, mapping.IdentityId)),
                SessionPolicyArn = mapping.SessionPolicyArn,
            })
            .ToList();
        return Task.FromResult(Page(mappings, marker));
    }

    private EmrPage<T> Page<T>(List<T> items, string? marker)
    {
        var start = marker is null ? 0 : int.Parse(marker, CultureInfo.InvariantCulture);
        var next = start + PageSize < items.Count ? (start + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return new EmrPage<T>(items.Skip(start).Take(PageSize).ToList(), next);
    }

    private void Enter(string operation, CancellationToken cancellationToken)
    {
        Calls.Add(operation);
        BeforeCall?.Invoke(operation);
        cancellationToken.ThrowIfCancellationRequested();
        if (_scriptedFailures.TryGetValue(operation, out var queue) && queue.TryDequeue(out var failure))
        {
            throw failure();
        }
    }

    private static void Enqueue(Dictionary<string, Queue<Func<Exception>>> queues, string operation, Func<Exception> error)
    {
        if (!queues.TryGetValue(operation, out var queue))
        {
            queue = new Queue<Func<Exception>>();
            queues[operation] = queue;
        }

        queue.Enqueue(error);
    }

    private void Leave(string operation)
    {
        if (_lostAnswers.TryGetValue(operation, out var queue) && queue.TryDequeue(out var failure))
        {
            throw failure();
        }
    }

    private StoredMapping FindExisting(string studioId, string identityType, string? identityId, string? identityName)
    {
        var id = ResolveIdentity(studioId, identityType, identityId, identityName);
        return _mappings.GetValueOrDefault((studioId, identityType, id))
            ?? throw InvalidRequest(EmrErrors.MappingNotFound);
    }

    private string ResolveIdentity(string studioId, string identityType, string? identityId, string? identityName)
    {
        if (!_studios.ContainsKey(studioId))
        {
            throw InvalidRequest(EmrErrors.StudioNotFound);
        }

        if ((identityId is null) == (identityName is null))
        {
            throw InvalidRequest("Specify either IdentityId or IdentityName, not both.");
        }

        if (identityId is not null)
        {
            return _namesById.ContainsKey((identityType, identityId)) ? identityId : throw InvalidRequest(EmrErrors.IdentityIdInvalid);
        }

        return _idsByName.GetValueOrDefault((identityType, identityName!)) ?? throw InvalidRequest("IdentityName is invalid");
    }
}
