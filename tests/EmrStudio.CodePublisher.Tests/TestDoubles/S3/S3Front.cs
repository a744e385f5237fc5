using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.Testing.Emulators;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// S3 as the publisher sees it: a Kestrel front on s3rver. s3rver keeps buckets and objects; the front answers what
/// s3rver lacks, with S3's XML and error shapes: bucket policy, Block Public Access, default encryption, ownership
/// controls and versioning (GET/PUT/DELETE), the bucket's region (GetBucketLocation, and the region checks of
/// CreateBucket and of every signature), ListBuckets' prefix, and what HeadObject reports beyond s3rver (encryption,
/// the SHA-256 checksum, the version id). It verifies every SigV4 signature and payload checksum, records each call,
/// and answers injected faults, and, when asked, NoSuchBucket for a new bucket's first requests. Buckets named as
/// foreign belong to "another account".
/// </summary>
public sealed class S3Front : KestrelFake
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Expect", "Upgrade", "Proxy-Connection", "TE",
    };

    private readonly Uri _backend;
    private static readonly HttpClient Proxy = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeBucket> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Bucket, string Key), FakeObjectState> _objects = [];
    private readonly HashSet<string> _foreign = new(StringComparer.Ordinal);
    private readonly List<S3Fault> _faults = [];
    private readonly Dictionary<string, int> _unseen = new(StringComparer.Ordinal);
    private readonly List<S3Call> _calls = [];
    private int _requests;
    private int _versions;

    private S3Front(Uri backend) => _backend = backend;

    /// <summary>What CreateBucket gives a new bucket (default: what S3 gives it today).</summary>
    public NewBucketDefaults NewBuckets { get; set; } = NewBucketDefaults.Current;

    /// <summary>
    /// How many requests on a bucket after CreateBucket made it answer NoSuchBucket, as S3 may while a new bucket
    /// propagates (default none).
    /// </summary>
    public int NewBucketUnseenRequests { get; set; }

    public IReadOnlyList<S3Call> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<S3Front> StartAsync(S3rver backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var front = new S3Front(backend.BaseAddress);
        await front.StartAsync();
        return front;
    }

    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    public void AddFault(S3Fault fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>A bucket name that exists in another account: CreateBucket answers BucketAlreadyExists, anything else AccessDenied.</summary>
    public void AddForeignBucket(string bucket)
    {
        lock (_gate)
        {
            _foreign.Add(bucket);
        }
    }

    /// <summary>What the front keeps about a bucket, for assertions; null when no request has touched it.</summary>
    public FakeBucket? Bucket(string bucket)
    {
        lock (_gate)
        {
            return _buckets.GetValueOrDefault(bucket);
        }
    }

    protected override async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var body = await ReadBodyAsync(context);
        var target = S3Target.Of(request);
        var (signedRegion, error) = S3Signature.Verify(request, body, key => key == S3rver.AccessKeyId ? S3rver.SecretAccessKey : null);
        error ??= FaultFor(target, request.Query["prefix"].ToString()) ?? NotYetVisible(target) ?? WrongRegion(target, signedRegion) ?? PayloadChecksums.Mismatch(request, body);
        if (error is not null)
        {
            await WriteErrorAsync(context, error);
        }
        else if (target.Bucket is { } bucket && IsForeign(bucket))
        {
            await WriteErrorAsync(context, target.Operation == "CreateBucket" ? S3Errors.BucketAlreadyExists : S3Errors.AccessDenied);
        }
        else
        {
            await DispatchAsync(context, target, body, signedRegion!);
        }

        lock (_gate)
        {
            _calls.Add(new S3Call(target.Operation, target.Bucket, target.Key, signedRegion, context.Response.StatusCode));
        }
    }

    private async Task DispatchAsync(HttpContext context, S3Target target, byte[] body, string signedRegion)
    {
        switch (target)
        {
            case { Operation: "ListBuckets" }:
                await ListBucketsAsync(context, body);
                break;
            case { Operation: "CreateBucket", Bucket: { } bucket }:
                await CreateBucketAsync(context, bucket, body, signedRegion);
                break;
            case { Operation: "GetBucketLocation", Bucket: { } bucket }:
                if (await ExistingBucketAsync(bucket) is { } located)
                {
                    await WriteXmlAsync(context, HttpStatusCode.OK, S3Xml.Element("LocationConstraint", located.LocationConstraint ?? string.Empty));
                }
                else
                {
                    await WriteErrorAsync(context, S3Errors.NoSuchBucket(bucket));
                }

                break;
            case { Subresource: { } subresource, Bucket: { } bucket }:
                if (await ExistingBucketAsync(bucket) is { } existing)
                {
                    await SubresourceAsync(context, subresource, bucket, existing, body);
                }
                else
                {
                    await WriteErrorAsync(context, S3Errors.NoSuchBucket(bucket));
                }

                break;
            case { Operation: "PutObject", Bucket: { } bucket, Key: { } key }:
                await PutObjectAsync(context, bucket, key, body);
                break;
            case { Operation: "HeadObject" or "GetObject", Bucket: { } bucket, Key: { } key }:
                var answer = await ForwardAsync(context.Request, body);
                if (answer.Status == HttpStatusCode.OK && ObjectState(bucket, key) is { } state)
                {
                    Describe(answer.Headers, state, context.Request.Headers["x-amz-checksum-mode"] == "ENABLED");
                }

                await WriteForwardedAsync(context, answer);
                break;
            default:
                await WriteForwardedAsync(context, await ForwardAsync(context.Request, body));
                break;
        }
    }

    private async Task ListBucketsAsync(HttpContext context, byte[] body)
    {
        var answer = await ForwardAsync(context.Request, body);
        var prefix = context.Request.Query["prefix"].ToString();
        if (answer.Status == HttpStatusCode.OK && prefix.Length > 0)
        {
            var document = XDocument.Parse(Encoding.UTF8.GetString(answer.Content));
            document.Descendants().Where(element => element.Name.LocalName == "Bucket"
                && !element.Elements().Any(name => name.Name.LocalName == "Name" && name.Value.StartsWith(prefix, StringComparison.Ordinal))).Remove();
            answer = answer with { Content = Encoding.UTF8.GetBytes(document.Declaration + document.ToString(SaveOptions.DisableFormatting)) };
        }

        await WriteForwardedAsync(context, answer);
    }

    private async Task CreateBucketAsync(HttpContext context, string bucket, byte[] body, string signedRegion)
    {
        string? constraint = null;
        if (body.Length > 0)
        {
            if (S3Xml.Read(body, S3Documents.CreateBucketConfiguration) is not { } configuration)
            {
                await WriteErrorAsync(context, S3Errors.MalformedXml);
                return;
            }

            constraint = configuration.Elements().FirstOrDefault(element => element.Name.LocalName == "LocationConstraint")?.Value;
        }

        if (constraint == "us-east-1")
        {
            await WriteErrorAsync(context, S3Errors.InvalidLocationConstraint);
            return;
        }

        var region = constraint switch
        {
            null or "" => "us-east-1",
            "EU" => "eu-west-1",
            _ => constraint,
        };
        if (region != signedRegion)
        {
            await WriteErrorAsync(context, S3Errors.IllegalLocationConstraint(constraint));
            return;
        }

        var ownership = context.Request.Headers["x-amz-object-ownership"].ToString();
        var ownershipValues = S3Documents.OwnershipControls.Child("Rule")!.Child("ObjectOwnership")!.Values;
        if (ownership.Length > 0 && !ownershipValues.Contains(ownership))
        {
            await WriteErrorAsync(context, new S3Error(HttpStatusCode.BadRequest, "InvalidArgument", "Invalid x-amz-object-ownership header"));
            return;
        }

        if (await ExistingBucketAsync(bucket) is { } existing)
        {
            // S3's legacy behaviour in us-east-1 answers 200 to its owner; everywhere else it is a conflict.
            if (existing.Region == "us-east-1" && region == "us-east-1")
            {
                await WriteEmptyAsync(context, HttpStatusCode.OK);
            }
            else
            {
                await WriteErrorAsync(context, S3Errors.BucketAlreadyOwnedByYou(bucket));
            }

            return;
        }

        var answer = await ForwardAsync(context.Request, []);
        if (answer.Status == HttpStatusCode.OK)
        {
            var created = new FakeBucket(region, constraint);
            if (NewBuckets == NewBucketDefaults.Current)
            {
                created.Documents[S3Documents.PublicAccessBlockResource.Query] = PublicAccessBlockDocument(S3Documents.PublicAccessBlock.Children.Select(_ => true).ToArray());
                created.Documents[S3Documents.OwnershipControlsResource.Query] = OwnershipDocument("BucketOwnerEnforced");
                created.Documents[S3Documents.EncryptionResource.Query] = EncryptionDocument("AES256");
            }

            if (ownership.Length > 0)
            {
                created.Documents[S3Documents.OwnershipControlsResource.Query] = OwnershipDocument(ownership);
            }

            lock (_gate)
            {
                _buckets[bucket] = created;
                _unseen[bucket] = NewBucketUnseenRequests;
            }
        }

        await WriteForwardedAsync(context, answer);
    }

    private async Task SubresourceAsync(HttpContext context, S3Subresource subresource, string name, FakeBucket bucket, byte[] body)
    {
        var method = context.Request.Method;
        if (method == "GET")
        {
            XElement? stored;
            string? policy;
            lock (_gate)
            {
                stored = bucket.Documents.GetValueOrDefault(subresource.Query);
                policy = bucket.Policy;
            }

            if (subresource == S3Documents.PolicyResource && policy is not null)
            {
                await WriteBodyAsync(context, HttpStatusCode.OK, "application/json", Encoding.UTF8.GetBytes(policy));
            }
            else if (stored is not null)
            {
                await WriteXmlAsync(context, HttpStatusCode.OK, stored);
            }
            else if (subresource.Absent is { } absent)
            {
                await WriteErrorAsync(context, absent(name));
            }
            else
            {
                // Versioning never enabled: an empty configuration.
                await WriteXmlAsync(context, HttpStatusCode.OK, S3Xml.Element(subresource.Document!.Name));
            }

            return;
        }

        if (method == "DELETE" && subresource.DeleteOperation is not null)
        {
            lock (_gate)
            {
                if (subresource == S3Documents.PolicyResource)
                {
                    bucket.Policy = null;
                }
                else if (subresource == S3Documents.EncryptionResource && NewBuckets == NewBucketDefaults.Current)
                {
                    // Since 2023 every bucket is encrypted: deleting the configuration resets it to SSE-S3.
                    bucket.Documents[subresource.Query] = EncryptionDocument("AES256");
                }
                else
                {
                    bucket.Documents.Remove(subresource.Query);
                }
            }

            await WriteEmptyAsync(context, HttpStatusCode.NoContent);
            return;
        }

        if (method != "PUT")
        {
            await WriteErrorAsync(context, new S3Error(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource."));
            return;
        }

        if (S3Documents.ChecksumRequired.Contains(subresource.PutOperation) && !PayloadChecksums.Present(context.Request))
        {
            await WriteErrorAsync(context, S3Errors.MissingChecksum);
            return;
        }

        if (subresource == S3Documents.PolicyResource)
        {
            bool blockPublicPolicy;
            lock (_gate)
            {
                blockPublicPolicy = bucket.BlockPublicPolicy;
            }

            var (policy, error) = BucketPolicyRules.Check(body, AwsPartition.ForRegion(bucket.Region).Name, name, blockPublicPolicy);
            if (error is not null)
            {
                await WriteErrorAsync(context, error);
                return;
            }

            lock (_gate)
            {
                bucket.Policy = policy;
            }

            await WriteEmptyAsync(context, HttpStatusCode.NoContent);
            return;
        }

        var document = S3Xml.Read(body, subresource.Document!);
        if (document is null || !MeetsRules(subresource, document))
        {
            await WriteErrorAsync(context, S3Errors.MalformedXml);
            return;
        }

        if (subresource == S3Documents.PublicAccessBlockResource)
        {
            // S3 answers all four settings, false where the request left one out.
            document = PublicAccessBlockDocument([.. S3Documents.PublicAccessBlock.Children.Select(setting =>
                document.Elements().Any(element => element.Name.LocalName == setting.Name && element.Value == "true"))]);
        }

        lock (_gate)
        {
            bucket.Documents[subresource.Query] = document;
        }

        await WriteEmptyAsync(context, HttpStatusCode.OK);
    }

    private static bool MeetsRules(S3Subresource subresource, XElement document)
    {
        var rules = document.Elements().Count(element => element.Name.LocalName == "Rule");
        if (subresource == S3Documents.OwnershipControlsResource)
        {
            return rules == 1 && document.Elements().Single().Elements().Any(element => element.Name.LocalName == "ObjectOwnership");
        }

        return subresource != S3Documents.EncryptionResource || rules >= 1;
    }

    private async Task PutObjectAsync(HttpContext context, string bucket, string key, byte[] body)
    {
        var answer = await ForwardAsync(context.Request, body);
        if (answer.Status == HttpStatusCode.OK)
        {
            var known = await ExistingBucketAsync(bucket);
            var encryption = context.Request.Headers["x-amz-server-side-encryption"].ToString() is { Length: > 0 } requested ? requested : known?.DefaultEncryption;
            var checksum = context.Request.Headers["x-amz-checksum-sha256"].ToString() is { Length: > 0 } sent ? sent : null;
            string? version = null;
            lock (_gate)
            {
                if (known?.VersioningEnabled == true)
                {
                    version = $"v{++_versions}";
                }

                _objects[(bucket, key)] = new FakeObjectState(encryption, checksum, version);
            }

            Describe(answer.Headers, new FakeObjectState(encryption, checksum, version), includeChecksum: true);
        }

        await WriteForwardedAsync(context, answer);
    }

    private static void Describe(Dictionary<string, string> headers, FakeObjectState state, bool includeChecksum)
    {
        if (state.Encryption is { } encryption)
        {
            headers["x-amz-server-side-encryption"] = encryption;
        }

        if (state.VersionId is { } version)
        {
            headers["x-amz-version-id"] = version;
        }

        if (includeChecksum && state.ChecksumSha256 is { } checksum)
        {
            headers["x-amz-checksum-sha256"] = checksum;
            headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }
    }

    private FakeObjectState? ObjectState(string bucket, string key)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault((bucket, key));
        }
    }

    private S3Error? FaultFor(S3Target target, string listPrefix)
    {
        lock (_gate)
        {
            return _faults.FirstOrDefault(fault =>
                (fault.Operation is null || fault.Operation == target.Operation)
                && (fault.Bucket == target.Bucket || (target.Operation == "ListBuckets" && fault.Bucket == listPrefix)))?.Error;
        }
    }

    private S3Error? NotYetVisible(S3Target target)
    {
        if (target.Bucket is not { } bucket || target.Operation == "CreateBucket")
        {
            return null;
        }

        lock (_gate)
        {
            if (_unseen.GetValueOrDefault(bucket) <= 0)
            {
                return null;
            }

            _unseen[bucket]--;
            return S3Errors.NoSuchBucket(bucket);
        }
    }

    private S3Error? WrongRegion(S3Target target, string? signedRegion)
    {
        // CreateBucket is checked against its location constraint instead; GetBucketLocation answers from any region.
        if (target.Bucket is not { } bucket || target.Operation is "CreateBucket" or "GetBucketLocation" || signedRegion is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _buckets.TryGetValue(bucket, out var known) && known.Region != signedRegion ? S3Errors.WrongRegion(signedRegion, known.Region) : null;
        }
    }

    private bool IsForeign(string bucket)
    {
        lock (_gate)
        {
            return _foreign.Contains(bucket);
        }
    }

    /// <summary>The front's record of a bucket s3rver has; a bucket made in s3rver directly counts as us-east-1's.</summary>
    private async Task<FakeBucket?> ExistingBucketAsync(string bucket)
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, new Uri(_backend, "/" + Uri.EscapeDataString(bucket)));
        using var answer = await Proxy.SendAsync(head);
        lock (_gate)
        {
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                _buckets.Remove(bucket);
                return null;
            }

            if (!_buckets.TryGetValue(bucket, out var known))
            {
                _buckets[bucket] = known = new FakeBucket("us-east-1", null);
            }

            return known;
        }
    }

    private async Task<ForwardedAnswer> ForwardAsync(HttpRequest request, byte[] body)
    {
        var rawTarget = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_backend, rawTarget));
        if (body.Length > 0 || request.Method is "PUT" or "POST")
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!HopByHop.Contains(name) && !message.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        using var response = await Proxy.SendAsync(message);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = string.Join(',', values);
            }
        }

        return new ForwardedAnswer(response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task WriteForwardedAsync(HttpContext context, ForwardedAnswer answer)
    {
        context.Response.StatusCode = (int)answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = value;
            }
        }

        if (context.Request.Method == "HEAD")
        {
            if (answer.Headers.TryGetValue("Content-Length", out var length))
            {
                context.Response.ContentLength = long.Parse(length, CultureInfo.InvariantCulture);
            }

            return;
        }

        context.Response.ContentLength = answer.Content.Length;
        await context.Response.Body.WriteAsync(answer.Content);
    }

    private async Task WriteErrorAsync(HttpContext context, S3Error error)
    {
        var requestId = NextRequestId();
        context.Response.StatusCode = (int)error.Status;
        context.Response.Headers["x-amz-request-id"] = requestId;
        if (context.Request.Method == "HEAD")
        {
            // S3 answers a HEAD without a body; clients read the status alone.
            return;
        }

        var root = new XElement(
            "Error",
            new XElement("Code", error.Code),
            new XElement("Message", error.Message),
            (error.Extra ?? new Dictionary<string, string>()).Select(extra => new XElement(extra.Key, extra.Value)),
            new XElement("RequestId", requestId),
            new XElement("HostId", Convert.ToBase64String(Encoding.ASCII.GetBytes(requestId))));
        await WriteBodyAsync(context, error.Status, "application/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting)));
    }

    private async Task WriteXmlAsync(HttpContext context, HttpStatusCode status, XElement document) =>
        await WriteBodyAsync(context, status, "application/xml", S3Xml.Answer(document));

    private async Task WriteEmptyAsync(HttpContext context, HttpStatusCode status) =>
        await WriteBodyAsync(context, status, null, []);

    private async Task WriteBodyAsync(HttpContext context, HttpStatusCode status, string? contentType, byte[] body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.Headers["x-amz-request-id"] = context.Response.Headers["x-amz-request-id"].Count > 0 ? context.Response.Headers["x-amz-request-id"] : NextRequestId();
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        context.Response.ContentLength = body.Length;
        if (context.Request.Method != "HEAD" && body.Length > 0)
        {
            await context.Response.Body.WriteAsync(body);
        }
    }

    private string NextRequestId() => Interlocked.Increment(ref _requests).ToString("X16", CultureInfo.InvariantCulture);

    private static XElement PublicAccessBlockDocument(bool[] settings) =>
        S3Xml.Element(
            S3Documents.PublicAccessBlock.Name,
            S3Documents.PublicAccessBlock.Children.Select((setting, index) => S3Xml.Element(setting.Name, settings[index] ? "true" : "false")));

    private static XElement OwnershipDocument(string ownership) =>
        S3Xml.Element("OwnershipControls", S3Xml.Element("Rule", S3Xml.Element("ObjectOwnership", ownership)));

    private static XElement EncryptionDocument(string algorithm) =>
        S3Xml.Element(
            "ServerSideEncryptionConfiguration",
            S3Xml.Element("Rule", S3Xml.Element("ApplyServerSideEncryptionByDefault", S3Xml.Element("SSEAlgorithm", algorithm)), S3Xml.Element("BucketKeyEnabled", "false")));

    private sealed record ForwardedAnswer(HttpStatusCode Status, Dictionary<string, string> Headers, byte[] Content);
}
