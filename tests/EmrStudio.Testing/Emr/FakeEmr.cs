using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.Testing.Emr;

/// <summary>
/// EMR's studio session mapping API over AWS JSON 1.1, with an Identity Center store behind it, strict request
/// validation like the real service's, and injectable faults. Every request is recorded; requests refused as invalid
/// are also recorded in <see cref="Rejections"/>. Thread-safe.
/// </summary>
public sealed class FakeEmr : SignedAwsFake
{
    public const string AccessKeyId = "AKIDFAKEEMREXAMPLE";
    public const string SecretAccessKey = "fake-emr-secret-key/for+tests";
    public const string Region = "us-east-1";
    public const string Service = "elasticmapreduce";

    private const string InvalidRequest = EmrErrors.TypeNamespace + EmrErrors.InvalidRequest;
    private const string InternalServerError = EmrErrors.TypeNamespace + EmrErrors.InternalServerError;
    private const string TargetPrefix = "ElasticMapReduce.";
    private const int MaxStringLength = 256;

    /// <summary>The source of changes made through the fake's own methods, not through its API.</summary>
    public const string OutOfBand = "out of band";

    private static readonly string[] Operations =
    [
        "CreateStudioSessionMapping", "UpdateStudioSessionMapping", "GetStudioSessionMapping",
        "DeleteStudioSessionMapping", "ListStudioSessionMappings", "ListStudios",
    ];

    private readonly Dictionary<string, string> _studios = new(StringComparer.Ordinal);
    private readonly List<FakeIdentity> _identities = [];
    private readonly Dictionary<(string Studio, string Type, string IdentityId), FakeSessionMapping> _mappings = [];
    private readonly List<FakeEmrRequest> _requests = [];
    private readonly List<FakeEmrRejection> _rejections = [];
    private readonly List<FakeMappingChange> _history = [];
    private readonly Dictionary<string, Queue<FakeEmrFault>> _scheduledFaults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<FakeEmrError>> _scheduledErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _arrivals = new();
    private readonly Random _random;
    private double _tokens;
    private long? _tokensUpdated;
    private int _throttledByRateLimit;

    public FakeEmr(int seed = 20090331)
    {
        _random = new Random(seed);
        AddCredentials(AccessKeyId, SecretAccessKey);
    }

    /// <summary>The region this EMR serves: the region of the signatures it accepts and of its studios' ARNs.</summary>
    public string ServiceRegion { get; set; } = Region;

    /// <summary>The fraction of calls answered with ThrottlingException, drawn from the seeded generator.</summary>
    public double ThrottleFraction { get; set; }

    /// <summary>The fraction of calls answered with HTTP 500.</summary>
    public double ServerErrorFraction { get; set; }

    /// <summary>The fraction of calls whose connection is aborted without an answer.</summary>
    public double DropFraction { get; set; }

    /// <summary>A wait before every answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While true, every call is answered 503 and nothing is done.</summary>
    public bool Down { get; set; }

    /// <summary>False turns off the signature check (the Authorization header's shape is still required).</summary>
    public bool VerifySignatures { get; set; } = true;

    /// <summary>Page size of ListStudioSessionMappings and ListStudios.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// EMR's per-account request rate: a token bucket of <see cref="FakeRateLimit.Burst"/> tokens refilled at
    /// <see cref="FakeRateLimit.RatePerSecond"/>; a call finding it empty is answered ThrottlingException, as EMR does.
    /// Null (the default): no limit.
    /// </summary>
    public FakeRateLimit? RateLimit { get; set; }

    /// <summary>The clock of the rate limit.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>How many calls the rate limit answered with ThrottlingException.</summary>
    public int ThrottledByRateLimit
    {
        get
        {
            lock (Gate)
            {
                return _throttledByRateLimit;
            }
        }
    }

    /// <summary>Every change of mapping state, in order, whoever made it.</summary>
    public IReadOnlyList<FakeMappingChange> MappingHistory => Snapshot(_history);

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeEmrRequest> Requests => Snapshot(_requests);

    /// <summary>Every request refused as invalid.</summary>
    public IReadOnlyList<FakeEmrRejection> Rejections => Snapshot(_rejections);

    /// <summary>The mappings that exist now.</summary>
    public IReadOnlyList<FakeSessionMapping> Mappings => Snapshot(_mappings.Values);

    /// <summary>
    /// What a caller must be allowed to do for <paramref name="operation"/>: the EMR action on the studio, and the
    /// Identity Center assignment that EMR makes or removes on the caller's behalf (an API that takes no resource).
    /// </summary>
    public IReadOnlyList<(string Action, string Resource)> RequiredPermissions(string operation, string? studioId)
    {
        var studio = $"arn:aws:elasticmapreduce:{ServiceRegion}:{AccountId}:studio/{studioId}";
        return operation switch
        {
            "CreateStudioSessionMapping" => [("elasticmapreduce:CreateStudioSessionMapping", studio), ("sso:CreateApplicationAssignment", "*")],
            "DeleteStudioSessionMapping" => [("elasticmapreduce:DeleteStudioSessionMapping", studio), ("sso:DeleteApplicationAssignment", "*")],
            "ListStudioSessionMappings" => [("elasticmapreduce:ListStudioSessionMappings", "*")],
            "ListStudios" => [("elasticmapreduce:ListStudios", "*")],
            _ => [("elasticmapreduce:" + operation, studio)],
        };
    }

    /// <summary>
    /// Performs <paramref name="operation"/> on the fake's state directly, as a caller that is not the handler would
    /// (a simulated native resource, another tool): same answers as over the wire, no signature, no authorization.
    /// </summary>
    public FakeEmrCallResult Call(string operation, JsonObject input, string source)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Operations.Contains(operation))
        {
            return new FakeEmrCallResult(400, "UnknownOperationException", $"Unknown operation '{operation}'.", []);
        }

        if (operation is not ("ListStudioSessionMappings" or "ListStudios") && (input["StudioId"] is null || input["IdentityType"] is null || input.ContainsKey("IdentityId") == input.ContainsKey("IdentityName")))
        {
            return new FakeEmrCallResult(400, EmrErrors.Validation, "StudioId, IdentityType and exactly one of IdentityId and IdentityName are required.", []);
        }

        var (status, answer) = Perform(operation, input, source);
        return status == 200
            ? new FakeEmrCallResult(200, null, null, answer)
            : new FakeEmrCallResult(status, InvalidRequest, answer["Message"]!.GetValue<string>(), []);
    }

    /// <summary>
    /// Completes once <paramref name="count"/> requests (of any operation) have arrived and been recorded, so that a
    /// test can act while a given request is in flight; throws <see cref="TimeoutException"/> if they do not come in time.
    /// </summary>
    public Task WaitForRequestAsync(int count, TimeSpan timeout) => Arrival(count).Task.WaitAsync(timeout);

    /// <summary>How many requests named <paramref name="operation"/> arrived.</summary>
    public int CountOf(string operation) => Requests.Count(request => request.Operation == operation);

    /// <summary>Adds a studio; its name (what ListStudios reports) defaults to its id.</summary>
    public void AddStudio(string studioId, string? name = null)
    {
        lock (Gate)
        {
            _studios[studioId] = name ?? studioId;
        }
    }

    /// <summary>
    /// Deletes a user or group from the Identity Store out of band. Its mappings stay, as in EMR, but every call that
    /// names it is answered "IdentityId is invalid".
    /// </summary>
    public void RemoveIdentity(string identityId)
    {
        lock (Gate)
        {
            _identities.RemoveAll(identity => identity.Id == identityId);
        }
    }

    /// <summary>Deletes a studio out of band, with its mappings.</summary>
    public void RemoveStudio(string studioId)
    {
        lock (Gate)
        {
            _studios.Remove(studioId);
            foreach (var key in _mappings.Keys.Where(key => key.Studio == studioId).ToList())
            {
                Record(FakeMappingChangeKind.Deleted, _mappings[key], OutOfBand);
                _mappings.Remove(key);
            }
        }
    }

    public FakeIdentity AddUser(string name, string? id = null) => AddIdentity("USER", name, id);

    public FakeIdentity AddGroup(string name, string? id = null) => AddIdentity("GROUP", name, id);

    /// <summary>Renames a principal; its id, and so its mappings, stay.</summary>
    public void RenameIdentity(string identityId, string newName)
    {
        lock (Gate)
        {
            var index = _identities.FindIndex(identity => identity.Id == identityId);
            _identities[index] = _identities[index] with { Name = newName };
            foreach (var (key, mapping) in _mappings.Where(pair => pair.Key.IdentityId == identityId).ToList())
            {
                _mappings[key] = mapping with { IdentityName = newName };
            }
        }
    }

    /// <summary>Creates a mapping directly, as if someone else had (the studio and principal must exist).</summary>
    public FakeSessionMapping PutMapping(string studioId, FakeIdentity identity, string sessionPolicyArn)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var now = EpochSeconds();
        var mapping = new FakeSessionMapping(studioId, identity.IdentityType, identity.Id, identity.Name, sessionPolicyArn, now, now);
        lock (Gate)
        {
            var existed = _mappings.ContainsKey((studioId, identity.IdentityType, identity.Id));
            _mappings[(studioId, identity.IdentityType, identity.Id)] = mapping;
            Record(existed ? FakeMappingChangeKind.Updated : FakeMappingChangeKind.Created, mapping, OutOfBand);
        }

        return mapping;
    }

    /// <summary>Deletes a mapping out of band.</summary>
    public bool RemoveMapping(string studioId, FakeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (Gate)
        {
            if (!_mappings.Remove((studioId, identity.IdentityType, identity.Id), out var removed))
            {
                return false;
            }

            Record(FakeMappingChangeKind.Deleted, removed, OutOfBand);
            return true;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> calls of <paramref name="operation"/> fail with <paramref name="fault"/>.</summary>
    public void FailNext(string operation, int count, FakeEmrFault fault = FakeEmrFault.ServerError)
    {
        lock (Gate)
        {
            if (!_scheduledFaults.TryGetValue(operation, out var queue))
            {
                _scheduledFaults[operation] = queue = new Queue<FakeEmrFault>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> calls of <paramref name="operation"/> answer <paramref name="error"/>
    /// instead of being performed, for errors the built-in faults do not cover (an odd type, a very long message).
    /// </summary>
    public void FailNext(string operation, int count, FakeEmrError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (Gate)
        {
            if (!_scheduledErrors.TryGetValue(operation, out var queue))
            {
                _scheduledErrors[operation] = queue = new Queue<FakeEmrError>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(error);
            }
        }
    }

    protected override async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var body = await ReadBodyAsync(context);

        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : null;
        var json = TryParseObject(body);
        var headers = request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var accessKeyId = SigV4Verifier.AccessKeyOf(request.Headers.Authorization.ToString());
        var received = new FakeEmrRequest(operation, json, headers, DateTimeOffset.UtcNow) { AccessKeyId = accessKeyId };

        FakeEmrFault? fault;
        FakeEmrError? scheduledError = null;
        int arrived;
        lock (Gate)
        {
            _requests.Add(received);
            arrived = _requests.Count;
            if (operation is not null && _scheduledErrors.TryGetValue(operation, out var errors) && errors.Count > 0)
            {
                scheduledError = errors.Dequeue();
            }

            fault = scheduledError is null ? ChooseFault(operation) : null;
            if (fault is null && scheduledError is null && RateLimit is { } limit && !TakeToken(limit))
            {
                fault = FakeEmrFault.Throttle;
                _throttledByRateLimit++;
            }
        }

        Arrival(arrived).TrySetResult();

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (Down)
        {
            await WriteAsync(context, 503, "ServiceUnavailableException", "Service unavailable.");
            return;
        }

        if (scheduledError is not null)
        {
            await WriteAsync(context, scheduledError.StatusCode, scheduledError.ErrorType, scheduledError.Message);
            return;
        }

        switch (fault)
        {
            case FakeEmrFault.Throttle:
                await WriteAsync(context, 400, EmrErrors.Throttling, EmrErrors.RateExceeded);
                return;
            case FakeEmrFault.ServerError:
                await WriteAsync(context, 500, InternalServerError, "Internal error.");
                return;
            case FakeEmrFault.Drop:
                context.Abort();
                return;
            case FakeEmrFault.Stall:
                await HoldUntilAbortedAsync(context);
                return;
            default:
                break;
        }

        var rejection = Validate(request, target, operation, json, body);
        if (rejection is not null)
        {
            lock (Gate)
            {
                _rejections.Add(rejection with { Request = received });
            }

            await WriteAsync(context, rejection.StatusCode, rejection.ErrorType, rejection.Message);
            return;
        }

        var denial = AuthorizeCall(accessKeyId!, operation!, json!);
        if (denial is not null)
        {
            await WriteAsync(context, denial.Value.Status, denial.Value.Type, denial.Value.Message);
            return;
        }

        var (status, answer) = Perform(operation!, json!, accessKeyId!);
        if (fault == FakeEmrFault.DropAfterApplying)
        {
            context.Abort();
            return;
        }

        if (status == 200)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        }
        else
        {
            await WriteAsync(context, status, InvalidRequest, answer["Message"]!.GetValue<string>());
        }
    }

    private static async Task HoldUntilAbortedAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up on the request, which is what this fault waits for.
        }
    }

    private TaskCompletionSource Arrival(int count) =>
        _arrivals.GetOrAdd(count, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private FakeEmrFault? ChooseFault(string? operation)
    {
        if (operation is not null && _scheduledFaults.TryGetValue(operation, out var queue) && queue.Count > 0)
        {
            return queue.Dequeue();
        }

        var draw = _random.NextDouble();
        if (draw < ThrottleFraction)
        {
            return FakeEmrFault.Throttle;
        }

        draw -= ThrottleFraction;
        if (draw < ServerErrorFraction)
        {
            return FakeEmrFault.ServerError;
        }

        draw -= ServerErrorFraction;
        return draw < DropFraction ? FakeEmrFault.Drop : null;
    }

    private FakeEmrRejection? Validate(HttpRequest request, string target, string? operation, JsonObject? json, byte[] body)
    {
        FakeEmrRejection Reject(int status, string type, string message) => new(null!, status, type, message);

        if (request.Method != "POST" || request.Path != "/")
        {
            return Reject(404, "UnknownOperationException", $"{request.Method} {request.Path} is not an AWS JSON 1.1 call.");
        }

        var authorization = request.Headers.Authorization.ToString();
        var signatureProblem = SigV4Verifier.Verify(
            authorization,
            name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            body,
            SecretFor,
            ServiceRegion,
            Service);
        if (string.IsNullOrEmpty(authorization))
        {
            return Reject(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (signatureProblem is not null && (VerifySignatures || signatureProblem.Contains("is not 'AWS4", StringComparison.Ordinal)))
        {
            return Reject(403, signatureProblem.StartsWith("The request signature", StringComparison.Ordinal) ? "InvalidSignatureException" : "IncompleteSignatureException", signatureProblem);
        }

        if (operation is null || !Operations.Contains(operation))
        {
            return Reject(400, "UnknownOperationException", $"Unknown operation '{target}'.");
        }

        if (request.ContentType != "application/x-amz-json-1.1")
        {
            return Reject(400, "SerializationException", $"Content-Type '{request.ContentType}' is not application/x-amz-json-1.1.");
        }

        if (json is null)
        {
            return Reject(400, "SerializationException", "The body is not a JSON object.");
        }

        var allowed = operation == "ListStudioSessionMappings"
            ? new[] { "StudioId", "IdentityType", "Marker" }
            : operation == "ListStudios"
            ? ["Marker"]
            : operation is "CreateStudioSessionMapping" or "UpdateStudioSessionMapping"
                ? ["StudioId", "IdentityType", "IdentityId", "IdentityName", "SessionPolicyArn"]
                : ["StudioId", "IdentityType", "IdentityId", "IdentityName"];
        var required = operation is "ListStudioSessionMappings" or "ListStudios"
            ? []
            : operation is "CreateStudioSessionMapping" or "UpdateStudioSessionMapping"
                ? new[] { "StudioId", "IdentityType", "SessionPolicyArn" }
                : ["StudioId", "IdentityType"];

        foreach (var (name, value) in json)
        {
            if (!allowed.Contains(name))
            {
                return Reject(400, "SerializationException", $"Unexpected member '{name}'.");
            }

            if (value is null || value.GetValueKind() != JsonValueKind.String)
            {
                return Reject(400, "SerializationException", $"'{name}' must be a string.");
            }

            var text = value.GetValue<string>();
            if (text.Length > MaxStringLength)
            {
                return Reject(400, EmrErrors.Validation, $"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must have length less than or equal to {MaxStringLength}");
            }

            if (text.Any(character => !IsXmlCharacter(character)))
            {
                return Reject(400, EmrErrors.Validation, $"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");
            }
        }

        foreach (var name in required)
        {
            if (!json.ContainsKey(name))
            {
                return Reject(400, EmrErrors.Validation, $"1 validation error detected: Value null at '{Camel(name)}' failed to satisfy constraint: Member must not be null");
            }
        }

        if (json["IdentityType"] is { } type && type.GetValue<string>() is not ("USER" or "GROUP"))
        {
            return Reject(400, EmrErrors.Validation, $"1 validation error detected: Value '{type.GetValue<string>()}' at 'identityType' failed to satisfy constraint: Member must satisfy enum value set: [USER, GROUP]");
        }

        if (operation is not ("ListStudioSessionMappings" or "ListStudios") && json.ContainsKey("IdentityId") == json.ContainsKey("IdentityName"))
        {
            return Reject(400, InvalidRequest, "Specify either IdentityId or IdentityName, but not both.");
        }

        return null;
    }

    /// <summary>Every permission <see cref="RequiredPermissions"/> names must be allowed; the first that is not is the answer.</summary>
    private (int Status, string Type, string Message)? AuthorizeCall(string accessKeyId, string operation, JsonObject json)
    {
        foreach (var (action, resource) in RequiredPermissions(operation, json["StudioId"]?.GetValue<string>()))
        {
            if (Authorize(accessKeyId, action, resource, $"{operation} by {accessKeyId}") is { Allowed: false } denial)
            {
                return denial.Undecided
                    ? (500, InternalServerError, denial.Message)
                    : (400, "AccessDeniedException", denial.Message);
            }
        }

        return null;
    }

    private (int Status, JsonObject Answer) Perform(string operation, JsonObject json, string source)
    {
        static JsonObject Error(string message) => new() { ["Message"] = message };
        string? Member(string name) => json[name]?.GetValue<string>();

        lock (Gate)
        {
            if (operation == "ListStudioSessionMappings")
            {
                return (200, List(Member("StudioId"), Member("IdentityType"), Member("Marker")));
            }

            if (operation == "ListStudios")
            {
                return (200, ListStudios(Member("Marker")));
            }

            var studioId = Member("StudioId")!;
            var identityType = Member("IdentityType")!;
            if (!_studios.ContainsKey(studioId))
            {
                return (400, Error(EmrErrors.StudioNotFound));
            }

            var identityId = Member("IdentityId");
            var identity = identityId is not null
                ? _identities.Find(candidate => candidate.IdentityType == identityType && candidate.Id == identityId)
                : _identities.Find(candidate => candidate.IdentityType == identityType && candidate.Name == Member("IdentityName"));
            if (identity is null)
            {
                return (400, Error(identityId is not null ? EmrErrors.IdentityIdInvalid : EmrErrors.IdentityNameInvalid));
            }

            var key = (studioId, identityType, identity.Id);
            var exists = _mappings.TryGetValue(key, out var mapping);
            var now = EpochSeconds();
            switch (operation)
            {
                case "CreateStudioSessionMapping":
                    if (exists)
                    {
                        return (400, Error(EmrErrors.MappingAlreadyExists));
                    }

                    _mappings[key] = new FakeSessionMapping(studioId, identityType, identity.Id, identity.Name, Member("SessionPolicyArn")!, now, now);
                    Record(FakeMappingChangeKind.Created, _mappings[key], source);
                    return (200, []);
                case "UpdateStudioSessionMapping":
                    if (!exists)
                    {
                        return (400, Error(EmrErrors.MappingNotFound));
                    }

                    _mappings[key] = mapping! with { SessionPolicyArn = Member("SessionPolicyArn")!, LastModifiedTime = now };
                    Record(FakeMappingChangeKind.Updated, _mappings[key], source);
                    return (200, []);
                case "GetStudioSessionMapping":
                    return exists ? (200, new JsonObject { ["SessionMapping"] = ToJson(mapping!, withLastModified: true) }) : (400, Error(EmrErrors.MappingNotFound));
                default:
                    if (exists && _mappings.Remove(key))
                    {
                        Record(FakeMappingChangeKind.Deleted, mapping!, source);
                        return (200, []);
                    }

                    return (400, Error(EmrErrors.MappingNotFound));
            }
        }
    }

    private JsonObject ListStudios(string? marker)
    {
        var studios = _studios.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var start = marker is null ? 0 : int.Parse(marker, CultureInfo.InvariantCulture);
        var page = new JsonArray();
        foreach (var (studioId, name) in studios.Skip(start).Take(PageSize))
        {
            page.Add(new JsonObject
            {
                ["StudioId"] = studioId,
                ["Name"] = name,
                ["AuthMode"] = "IAM_IDENTITY_CENTER",
                ["Url"] = $"https://{studioId.ToLowerInvariant()}.emrstudio-prod.{ServiceRegion}.amazonaws.com",
            });
        }

        var answer = new JsonObject { ["Studios"] = page };
        if (start + PageSize < studios.Count)
        {
            answer["Marker"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return answer;
    }

    /// <summary>Takes one token if the bucket has one, refilling it first for the time passed; the caller holds the lock.</summary>
    private bool TakeToken(FakeRateLimit limit)
    {
        var now = Clock.GetTimestamp();
        if (_tokensUpdated is not { } updated)
        {
            _tokens = limit.Burst;
        }
        else
        {
            var seconds = Clock.GetElapsedTime(updated, now).TotalSeconds;
            _tokens = Math.Min(limit.Burst, _tokens + (seconds * limit.RatePerSecond));
        }

        _tokensUpdated = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }

    private JsonObject List(string? studioId, string? identityType, string? marker)
    {
        var matching = _mappings.Values
            .Where(mapping => (studioId is null || mapping.StudioId == studioId) && (identityType is null || mapping.IdentityType == identityType))
            .OrderBy(mapping => mapping.StudioId, StringComparer.Ordinal)
            .ThenBy(mapping => mapping.IdentityType, StringComparer.Ordinal)
            .ThenBy(mapping => mapping.IdentityId, StringComparer.Ordinal)
            .ToList();
        var start = marker is null ? 0 : int.Parse(marker, CultureInfo.InvariantCulture);
        var page = new JsonArray();
        foreach (var mapping in matching.Skip(start).Take(PageSize))
        {
            page.Add(ToJson(mapping, withLastModified: false));
        }

        var answer = new JsonObject { ["SessionMappings"] = page };
        if (start + PageSize < matching.Count)
        {
            answer["Marker"] = (start + PageSize).ToString(CultureInfo.InvariantCulture);
        }

        return answer;
    }

    private static JsonObject ToJson(FakeSessionMapping mapping, bool withLastModified)
    {
        var json = new JsonObject
        {
            ["StudioId"] = mapping.StudioId,
            ["IdentityId"] = mapping.IdentityId,
            ["IdentityName"] = mapping.IdentityName,
            ["IdentityType"] = mapping.IdentityType,
            ["SessionPolicyArn"] = mapping.SessionPolicyArn,
            ["CreationTime"] = mapping.CreationTime,
        };
        if (withLastModified)
        {
            json["LastModifiedTime"] = mapping.LastModifiedTime;
        }

        return json;
    }

    private FakeIdentity AddIdentity(string identityType, string name, string? id)
    {
        var identity = new FakeIdentity(identityType, name, id ?? Guid.NewGuid().ToString());
        lock (Gate)
        {
            // Like the Identity Store: a name or an id names one principal of a type, never two.
            if (_identities.Exists(other => other.IdentityType == identityType && (other.Name == name || other.Id == identity.Id)))
            {
                throw new ArgumentException($"A {identityType} named '{name}' or with id '{identity.Id}' already exists.", nameof(name));
            }

            _identities.Add(identity);
        }

        return identity;
    }

    /// <summary>Appends to the history; the caller holds the lock.</summary>
    private void Record(FakeMappingChangeKind kind, FakeSessionMapping mapping, string source) =>
        _history.Add(new FakeMappingChange(kind, mapping, DateTimeOffset.UtcNow, source));

    private static JsonObject? TryParseObject(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        var json = new JsonObject { ["__type"] = type, ["Message"] = message };
        await context.Response.WriteAsync(json.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    // The pattern EMR quotes: [\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*. C1 controls (U+007F-U+009F)
    // are inside it; C0 controls other than tab, CR and LF, and U+FFFE/U+FFFF are not. Surrogates count as pairs.
    private static bool IsXmlCharacter(char character) =>
        character is '\t' or '\r' or '\n' or (>= '\u0020' and <= '\uFFFD');

    private static double EpochSeconds() => Math.Round(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 3);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
