using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.Testing.CloudFormation;

/// <summary>
/// Plays S3 behind CloudFormation's pre-signed ResponseURLs. Each URL from <see cref="CreateResponseUrl"/> carries a
/// random signature (a secret that must never appear in logs) and knows the echo fields it expects. Every PUT is
/// checked against the custom-resource protocol; breaches are recorded in <see cref="Violations"/> rather than
/// thrown, so a test can assert that there were none. Faults can be injected per URL.
/// </summary>
public sealed class ResponseUrlReceiver : KestrelFake
{
    public const int MaxBodyBytes = 4096;
    public const int MaxPhysicalResourceIdBytes = 1024;

    private static readonly HashSet<string> KnownMembers =
        ["Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "NoEcho", "Data"];

    private readonly ConcurrentDictionary<string, ResponseUrlSlot> _slots = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private int _issued;
    private int _requests;

    /// <summary>Every request that reached this receiver, on any path, by any method.</summary>
    public int TotalRequests => Volatile.Read(ref _requests);

    /// <summary>Every violation on every URL, each prefixed with the URL's path.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>
    /// The clock that stamps <see cref="ReceivedAnswer.ReceivedAt"/> and signs new URLs: the system's, unless a test
    /// that drives a fake clock shares it, so that "answered before the deadline" is judged on the same clock.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The host and port of this receiver, as <c>EMRSTUDIO_TRUSTED_RESPONSE_HOSTS</c> lists it for a handler that answers here.</summary>
    public string TrustedHostEntry => BaseAddress.Authority;

    /// <summary>
    /// A new pre-signed-looking URL that expects an answer echoing these three fields, signed (X-Amz-Date) at
    /// <paramref name="issuedAt"/>, now unless told otherwise, as CloudFormation signs it when it sends the event.
    /// </summary>
    public string CreateResponseUrl(string stackId, string requestId, string logicalResourceId, DateTimeOffset? issuedAt = null)
    {
        var number = Interlocked.Increment(ref _issued);
        var slot = new ResponseUrlSlot
        {
            Path = $"/responses/{number}",
            Signature = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            StackId = stackId,
            RequestId = requestId,
            LogicalResourceId = logicalResourceId,
        };
        _slots[slot.Path] = slot;
        var signedAt = (issuedAt ?? Clock.GetUtcNow()).UtcDateTime;
        var date = signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var credential = Uri.EscapeDataString($"ASIAEXAMPLEEXAMPLE00/{date}/us-east-1/s3/aws4_request");
        return $"{BaseAddress.GetLeftPart(UriPartial.Authority)}{slot.Path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={credential}"
            + $"&X-Amz-Date={signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}&X-Amz-Expires=7200&X-Amz-SignedHeaders=host&X-Amz-Signature={slot.Signature}";
    }

    /// <summary>The URL's signature: the secret part a log must never show.</summary>
    public string SignatureOf(string url) => Slot(url).Signature;

    /// <summary>The next <paramref name="count"/> PUTs answer <paramref name="statusCode"/> (500, 403, ...).</summary>
    public void FailNext(string url, int count, int statusCode = StatusCodes.Status500InternalServerError)
    {
        var slot = Slot(url);
        for (var i = 0; i < count; i++)
        {
            slot.Faults.Enqueue(new ResponseFault { StatusCode = statusCode });
        }
    }

    /// <summary>Every PUT from now on answers <paramref name="statusCode"/>.</summary>
    public void FailForever(string url, int statusCode = StatusCodes.Status500InternalServerError) =>
        Slot(url).PermanentFault = new ResponseFault { StatusCode = statusCode };

    /// <summary>
    /// The next <paramref name="count"/> PUTs wait <paramref name="duration"/> before being accepted;
    /// <see cref="Timeout.InfiniteTimeSpan"/>: until the client gives up on them.
    /// </summary>
    public void StallNext(string url, TimeSpan duration, int count = 1)
    {
        var slot = Slot(url);
        for (var i = 0; i < count; i++)
        {
            slot.Faults.Enqueue(new ResponseFault { Stall = duration });
        }
    }

    /// <summary>
    /// Every PUT from now on waits <paramref name="duration"/> before being accepted;
    /// <see cref="Timeout.InfiniteTimeSpan"/>: until the client gives up on it.
    /// </summary>
    public void StallForever(string url, TimeSpan duration) => Slot(url).PermanentFault = new ResponseFault { Stall = duration };

    /// <summary>The next <paramref name="count"/> PUTs have their connection dropped without an answer.</summary>
    public void DropNextConnections(string url, int count = 1)
    {
        var slot = Slot(url);
        for (var i = 0; i < count; i++)
        {
            slot.Faults.Enqueue(ResponseFault.Drop);
        }
    }

    /// <summary>
    /// Calls <paramref name="onAttempt"/> with the number of each request that reaches <paramref name="url"/>, as it
    /// arrives and before it is answered, so that a test can act at an exact point of a retry sequence (end the
    /// sender's deadline during its third attempt, say) instead of at a guessed time.
    /// </summary>
    public void OnAttempt(string url, Action<int> onAttempt) => Slot(url).OnAttempt = onAttempt;

    /// <summary>
    /// Completes once request number <paramref name="attempt"/> has reached <paramref name="url"/> (and
    /// <see cref="OnAttempt"/> has seen it); throws <see cref="TimeoutException"/> if it does not come in time.
    /// </summary>
    public Task WaitForAttemptAsync(string url, int attempt, TimeSpan timeout) => Slot(url).Arrival(attempt).Task.WaitAsync(timeout);

    /// <summary>The first accepted answer; throws <see cref="TimeoutException"/> if none arrives in time.</summary>
    public Task<ReceivedAnswer> WaitForAnswerAsync(string url, TimeSpan timeout) => Slot(url).FirstAnswer.Task.WaitAsync(timeout);

    /// <summary>How many answers were accepted (the protocol wants exactly one).</summary>
    public int AcceptedCount(string url) => Slot(url).Answers.Count;

    /// <summary>How many PUTs arrived, failed ones included.</summary>
    public int AttemptCount(string url) => Slot(url).Attempts;

    public IReadOnlyList<ReceivedAnswer> Answers(string url) => [.. Slot(url).Answers];

    /// <summary>The event of <paramref name="url"/> is about to be delivered again: an identical second answer is then correct.</summary>
    public void ExpectRedelivery(string url) => Slot(url).RedeliveryExpected = true;

    public IReadOnlyList<string> ViolationsFor(string url) => [.. Slot(url).Violations];

    protected override async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.Path.Value ?? string.Empty;
        if (!_slots.TryGetValue(path, out var slot))
        {
            Violate(null, $"{context.Request.Method} {path}: no such ResponseURL");
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, "NoSuchKey");
            return;
        }

        var attempt = slot.RecordAttempt();
        slot.OnAttempt?.Invoke(attempt);
        slot.Arrival(attempt).TrySetResult();
        if (context.Request.Query["X-Amz-Signature"].ToString() != slot.Signature)
        {
            Violate(slot, "the query string was not sent verbatim (signature mismatch)");
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "SignatureDoesNotMatch");
            return;
        }

        if (!HttpMethods.IsPut(context.Request.Method))
        {
            Violate(slot, $"method {context.Request.Method}, expected PUT");
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "SignatureDoesNotMatch");
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return;
        }

        var fault = slot.PermanentFault ?? (slot.Faults.TryDequeue(out var next) ? next : null);
        if (fault is { DropConnection: true })
        {
            context.Abort();
            return;
        }

        if (fault is { StatusCode: > 0 })
        {
            await WriteErrorAsync(context, fault.StatusCode, fault.StatusCode == 403 ? "AccessDenied" : "InternalError");
            return;
        }

        if (fault is not null && (fault.Stall > TimeSpan.Zero || fault.Stall == Timeout.InfiniteTimeSpan))
        {
            try
            {
                await Task.Delay(fault.Stall, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on this attempt: nothing was accepted.
                return;
            }
        }

        var answer = Validate(slot, context.Request, body);
        slot.Answers.Enqueue(answer);
        if (slot.Answers.Count > 1 && !(slot.RedeliveryExpected && slot.Answers.TryPeek(out var first) && SameAnswer(first, answer)))
        {
            Violate(slot, slot.RedeliveryExpected
                ? $"answer number {slot.Answers.Count} differs from the first: a redelivered event must get the same answer"
                : $"answer number {slot.Answers.Count} accepted; exactly one is expected");
        }

        slot.FirstAnswer.TrySetResult(answer);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.ETag = "\"0123456789abcdef\"";
    }

    private ReceivedAnswer Validate(ResponseUrlSlot slot, HttpRequest request, byte[] body)
    {
        var contentType = request.Headers.ContentType.ToString();
        if (!string.IsNullOrEmpty(contentType))
        {
            Violate(slot, $"Content-Type '{contentType}' was sent; it must be absent or empty");
        }

        if (request.ContentLength is null)
        {
            Violate(slot, "no Content-Length header");
        }
        else if (request.ContentLength != body.Length)
        {
            Violate(slot, $"Content-Length {request.ContentLength} but the body has {body.Length} bytes");
        }

        if (body.Length > MaxBodyBytes)
        {
            Violate(slot, $"body of {body.Length} bytes; at most {MaxBodyBytes} are accepted");
        }

        var text = Encoding.UTF8.GetString(body);
        var answer = new ReceivedAnswer
        {
            RawBody = text,
            BodyBytes = body.Length,
            ContentType = string.IsNullOrEmpty(contentType) ? null : contentType,
            ContentLength = request.ContentLength,
            ReceivedAt = Clock.GetUtcNow(),
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            Violate(slot, $"body is not JSON: {exception.Message}");
            return answer;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Violate(slot, $"body is a JSON {root.ValueKind}, not an object");
                return answer;
            }

            foreach (var member in root.EnumerateObject())
            {
                if (!KnownMembers.Contains(member.Name))
                {
                    Violate(slot, $"unknown member '{member.Name}'");
                }
            }

            var status = StringMember(slot, root, "Status", required: true);
            if (status is not ("SUCCESS" or "FAILED"))
            {
                Violate(slot, $"Status '{status}' is neither SUCCESS nor FAILED");
            }

            var reason = StringMember(slot, root, "Reason", required: false);
            if (status == "FAILED" && string.IsNullOrEmpty(reason))
            {
                Violate(slot, "FAILED without a Reason");
            }

            var physicalResourceId = StringMember(slot, root, "PhysicalResourceId", required: true);
            if (string.IsNullOrEmpty(physicalResourceId))
            {
                Violate(slot, "PhysicalResourceId is empty");
            }
            else if (Encoding.UTF8.GetByteCount(physicalResourceId) > MaxPhysicalResourceIdBytes)
            {
                Violate(slot, $"PhysicalResourceId is longer than {MaxPhysicalResourceIdBytes} bytes");
            }

            var stackId = StringMember(slot, root, "StackId", required: true);
            var requestId = StringMember(slot, root, "RequestId", required: true);
            var logicalResourceId = StringMember(slot, root, "LogicalResourceId", required: true);
            ExpectEcho(slot, "StackId", slot.StackId, stackId);
            ExpectEcho(slot, "RequestId", slot.RequestId, requestId);
            ExpectEcho(slot, "LogicalResourceId", slot.LogicalResourceId, logicalResourceId);

            bool? noEcho = null;
            if (root.TryGetProperty("NoEcho", out var noEchoMember))
            {
                if (noEchoMember.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    noEcho = noEchoMember.GetBoolean();
                }
                else
                {
                    Violate(slot, $"NoEcho is a JSON {noEchoMember.ValueKind}, not a boolean");
                }
            }

            return new ReceivedAnswer
            {
                RawBody = answer.RawBody,
                BodyBytes = answer.BodyBytes,
                ContentType = answer.ContentType,
                ContentLength = answer.ContentLength,
                ReceivedAt = answer.ReceivedAt,
                Status = status,
                Reason = reason,
                PhysicalResourceId = physicalResourceId,
                StackId = stackId,
                RequestId = requestId,
                LogicalResourceId = logicalResourceId,
                NoEcho = noEcho,
                Data = ReadData(slot, root),
            };
        }
    }

    private Dictionary<string, string>? ReadData(ResponseUrlSlot slot, JsonElement root)
    {
        if (!root.TryGetProperty("Data", out var data))
        {
            return null;
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            Violate(slot, $"Data is a JSON {data.ValueKind}, not an object");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in data.EnumerateObject())
        {
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[member.Name] = member.Value.GetString()!;
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    values[member.Name] = member.Value.GetRawText();
                    break;
                default:
                    Violate(slot, $"Data.{member.Name} is a JSON {member.Value.ValueKind}, not a scalar");
                    break;
            }
        }

        return values;
    }

    private string? StringMember(ResponseUrlSlot slot, JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var member))
        {
            if (required)
            {
                Violate(slot, $"{name} is missing");
            }

            return null;
        }

        if (member.ValueKind != JsonValueKind.String)
        {
            Violate(slot, $"{name} is a JSON {member.ValueKind}, not a string");
            return null;
        }

        return member.GetString();
    }

    private void ExpectEcho(ResponseUrlSlot slot, string name, string expected, string? actual)
    {
        if (actual is not null && !string.Equals(expected, actual, StringComparison.Ordinal))
        {
            Violate(slot, $"{name} '{actual}' does not echo the request's '{expected}'");
        }
    }

    private void Violate(ResponseUrlSlot? slot, string violation)
    {
        slot?.Violations.Enqueue(violation);
        _violations.Enqueue(slot is null ? violation : $"{slot.Path}: {violation}");
    }

    private ResponseUrlSlot Slot(string url)
    {
        var path = new Uri(url, UriKind.Absolute).AbsolutePath;
        return _slots.TryGetValue(path, out var slot)
            ? slot
            : throw new ArgumentException($"{path} was not handed out by this receiver.", nameof(url));
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code)
    {
        context.Response.StatusCode = status;
        if (status is StatusCodes.Status204NoContent or StatusCodes.Status205ResetContent or StatusCodes.Status304NotModified)
        {
            // These carry no body: Kestrel refuses the write and resets the connection, racing the status line out.
            return;
        }

        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code></Error>"));
    }

    private static bool SameAnswer(ReceivedAnswer first, ReceivedAnswer second) =>
        first.Status == second.Status
        && first.PhysicalResourceId == second.PhysicalResourceId
        && first.Reason == second.Reason
        && (first.Data ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .SequenceEqual((second.Data ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal));
}
