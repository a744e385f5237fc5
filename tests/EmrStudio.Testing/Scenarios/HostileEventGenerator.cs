using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EmrStudio.Testing.Emr;

namespace EmrStudio.Testing.Scenarios;

/// <summary>
/// Produces hostile custom-resource events from a seed: wrong JSON types for every member, nulls, arrays and objects
/// where strings belong, strings of 10-100 KB, non-ASCII and control characters, odd RequestTypes, PhysicalResourceIds
/// that look like ours or like sentinels, percent junk, StackIds and ResponseURLs that CloudFormation would never send
/// this function (other accounts, regions and partitions, untrusted hosts, suffix tricks, user information), and
/// valid events in between. Each event knows whether the handler can answer it (a usable ResponseURL and echo fields
/// that fit an answer) or must report it to Lambda, and whether it must be refused without any EMR call.
/// </summary>
public sealed class HostileEventGenerator
{
    /// <summary>Raw JSON text swapped in after serialization: a lone surrogate escape no .NET string can hold.</summary>
    private const string LoneSurrogateMarker = "\u2063lone-surrogate\u2063";
    private const string LoneSurrogateJson = "\"\\ud800 lone\"";

    /// <summary>Stands for "the receiver's URL" until <see cref="Finish"/> knows the echo fields it must expect.</summary>
    private const string ReceiverUrlMarker = "\u2063receiver-url\u2063";

    private static readonly string[] PropertyNames = ["ServiceToken", "StudioId", "IdentityType", "IdentityName", "IdentityId", "SessionPolicyArn", "ServiceTimeout"];
    private static readonly string[] OddRequestTypes = ["create", "CREATE", "", " Create", "Create\u0000", "Upsert", "Delete\n", "Créate", "null", "Update ", "🚀"];
    private static readonly string[] PercentJunk = ["%", "%0", "%ZZ", "%00", "%01", "%7F", "%2F", "%25", "%C3", "%C3%28", "%ED%A0%80", "%EF%BF%BF", "%F0%9F%9A%80", "%e2%82%ac", "a%20b", "%0D%0A", "%09"];

    private readonly Random _random;
    private readonly ScenarioWorld _world;
    private readonly List<string> _liveIds = [];
    private int _count;

    public HostileEventGenerator(int seed, ScenarioWorld world)
    {
        Seed = seed;
        _random = new Random(seed);
        _world = world;
    }

    public int Seed { get; }

    /// <summary>Tells the generator of a mapping id the handler reported, so later events can update or delete it.</summary>
    public void NoteLiveId(string physicalResourceId) => _liveIds.Add(physicalResourceId);

    public HostileEvent Next()
    {
        _count++;
        var roll = _random.Next(100);
        return roll switch
        {
            < 15 => ValidEvent(),
            < 25 => UnparsableBody(),
            < 36 => BrokenEnvelope(),
            < 42 => HostileStackId(),
            < 48 => HostileResponseUrl(),
            < 78 => HostileProperties(),
            _ => HostilePhysicalResourceId(),
        };
    }

    private HostileEvent ValidEvent()
    {
        var identity = Pick([_world.DataScientists, _world.Analysts, _world.Alice, _world.NonAsciiUser, _world.NonAsciiGroup]);
        var properties = _random.Next(2) == 0 ? _world.PropertiesByName(identity) : _world.PropertiesById(identity);
        var kind = _liveIds.Count == 0 ? 0 : _random.Next(3);
        var logicalId = "Valid" + _count.ToString(CultureInfo.InvariantCulture);
        switch (kind)
        {
            case 0:
                return new HostileEvent(_world.Events.Create(properties, logicalId), $"valid Create for {identity.Name}");
            case 1:
                var updated = _liveIds[_random.Next(_liveIds.Count)];
                return new HostileEvent(
                    _world.Events.Update(updated, _world.PropertiesByName(identity, ScenarioWorld.OtherPolicyArn), properties, logicalId),
                    $"valid Update of {updated} to {identity.Name}");
            default:
                var index = _random.Next(_liveIds.Count);
                var deleted = _liveIds[index];
                _liveIds.RemoveAt(index);
                return new HostileEvent(_world.Events.Delete(deleted, properties, logicalId), $"valid Delete of {deleted}");
        }
    }

    private HostileEvent UnparsableBody()
    {
        var valid = BaseEvent(out _);
        var text = valid.ToJsonString();
        var (body, description) = _random.Next(7) switch
        {
            0 => ("this is not JSON", "not JSON"),
            1 => (text[..(text.Length / 2)], "truncated JSON"),
            2 => ("[" + text + "]", "array root"),
            3 => ("\"" + new string('x', 100) + "\"", "string root"),
            4 => (string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), "nested 200 deep"),
            5 => (string.Empty, "empty body"),
            _ => (text.Replace("\"ResourceProperties\":", "\"ResourceProperties\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + ",\"X\":", StringComparison.Ordinal), "properties nested 100 deep"),
        };
        return new HostileEvent(CustomResourceEventBuilder.Unanswerable(body), description);
    }

    /// <summary>The members the answer depends on (ResponseURL and the echo fields) broken one way or another.</summary>
    private HostileEvent BrokenEnvelope()
    {
        var body = BaseEvent(out var echo);
        var member = Pick(["ResponseURL", "StackId", "RequestId", "LogicalResourceId"]);
        var answerable = false;
        string description;
        switch (_random.Next(6))
        {
            case 0:
                body.Remove(member);
                description = $"{member} missing";
                break;
            case 1:
                var (value, kind) = WrongType();
                body[member] = value;
                description = $"{member} as {kind}";
                break;
            case 2 when member == "ResponseURL":
                var url = Pick(["/relative/path", "ftp://127.0.0.1/x", "not a url", "http://", "file:///etc/passwd", "https://" + new string('a', 17 * 1024) + ".example/x", "mailto:x@example.com"]);
                body[member] = url;
                description = $"ResponseURL '{Shorten(url)}'";
                break;
            case 2:
                // Too long for an answer to echo: the handler cannot answer and must say so to Lambda.
                var huge = HugeString();
                echo[member] = huge;
                body[member] = huge;
                description = $"{member} of {huge.Length} characters";
                break;
            case 3:
                body[member] = LoneSurrogateMarker;
                description = $"{member} with a lone surrogate";
                break;
            default:
                if (member == "ResponseURL")
                {
                    body.Remove(member);
                    description = "ResponseURL missing";
                    break;
                }

                // Odd but legal text in an echo field: the answer must echo it verbatim.
                var odd = OddShortString();
                echo[member] = odd;
                body[member] = odd;
                answerable = true;
                description = $"{member} '{Shorten(odd)}'";
                break;
        }

        return Finish(body, echo, answerable, description);
    }

    /// <summary>A valid event, but from a stack this function must not serve: answered FAILED, EMR never called.</summary>
    private HostileEvent HostileStackId()
    {
        var body = BaseEvent(out var echo);
        body["RequestType"] = Pick(["Create", "Update", "Delete"]);
        body["PhysicalResourceId"] = $"emrstudio:{ScenarioWorld.StudioId}/GROUP/{_world.DataScientists.Id}";
        var uuid = new Guid(RandomBytes(16)).ToString();
        var stackId = Pick(
        [
            $"arn:aws:cloudformation:us-east-1:111122223333:stack/analytics/{uuid}",
            $"arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/{uuid}",
            $"arn:aws-cn:cloudformation:us-east-1:123456789012:stack/analytics/{uuid}",
            $"arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/analytics/{uuid}",
            "not-a-stack",
            string.Empty,
            $"arn:aws:cloudformation:us-east-1:123456789012:stack/analytics",
            $"arn:aws:cloudformation:us-east-1:123456789012:stackset/analytics:{uuid}",
            $"arn:aws:cloudformation:us-east-1:123456789012:stack/data_science/{uuid}",
            $"arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/{uuid}/extra",
            $"arn:aws:lambda:us-east-1:123456789012:stack/analytics/{uuid}",
            $"arn:aws:cloudformation:us-east-1:12345678901:stack/analytics/{uuid}",
            $"arn:aws:cloudformation:us-east-1:123456789012:stack/{OddShortString()}/{uuid}",
        ]);
        echo["StackId"] = stackId;
        body["StackId"] = stackId;
        var finished = Finish(body, echo, answerable: true, $"{body["RequestType"]} from StackId {Shorten(stackId)}");
        return finished with { Refused = true };
    }

    /// <summary>A valid event whose ResponseURL is not one CloudFormation would send: nothing may be PUT anywhere.</summary>
    private HostileEvent HostileResponseUrl()
    {
        var body = BaseEvent(out var echo);
        var trap = _world.Trap.BaseAddress;
        var trapUrl = new Uri(_world.Trap.CreateResponseUrl(echo["StackId"], echo["RequestId"], echo["LogicalResourceId"]));
        var receiverUrl = new Uri(_world.Receiver.CreateResponseUrl(echo["StackId"], echo["RequestId"], echo["LogicalResourceId"]));
        var url = Pick(
        [
            trapUrl.ToString(),
            $"http://localhost:{trap.Port}{trapUrl.PathAndQuery}",
            $"https://127.0.0.1:{trap.Port}{trapUrl.PathAndQuery}",
            $"http://[::1]:{trap.Port}{trapUrl.PathAndQuery}",
            $"http://user:secret@{receiverUrl.Authority}{receiverUrl.PathAndQuery}",
            $"https://s3.amazonaws.com@127.0.0.1:{trap.Port}{trapUrl.PathAndQuery}",
            $"https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.example.net{trapUrl.PathAndQuery}",
            $"https://evilamazonaws.com{trapUrl.PathAndQuery}",
            $"https://s3.amazonaws.com:{trap.Port}{trapUrl.PathAndQuery}",
            $"http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com{trapUrl.PathAndQuery}",
            $"http://169.254.169.254/latest/meta-data/iam/security-credentials/{trapUrl.Query}",
            $"https://example.com/responses{trapUrl.Query}",
        ]);
        body["ResponseURL"] = url;
        var text = body.ToJsonString();
        // Only the receiver's own URL (with user information) is tracked per event, for "no answer there"; a PUT to the
        // trap or anywhere else shows in the trap's request count, which the campaign checks.
        var tracked = url.Contains("user:secret@", StringComparison.Ordinal) ? url : null;
        return new HostileEvent(
            new CustomResourceEvent(text, CustomResourceEventBuilder.NewLambdaRequestId(), tracked, ExpectsAnswer: false),
            $"#{_count}: ResponseURL {Shorten(LeftOfQuery(url))}",
            Refused: true);
    }

    private static string LeftOfQuery(string url) => url.Split('?')[0];

    private HostileEvent HostileProperties()
    {
        var body = BaseEvent(out var echo);
        var bag = Pick(["ResourceProperties", "OldResourceProperties"]);
        var description = new StringBuilder();
        if (_random.Next(8) == 0)
        {
            var (value, kind) = WrongType();
            body[bag] = value;
            description.Append(CultureInfo.InvariantCulture, $"{bag} as {kind}");
        }
        else
        {
            var properties = body[bag] as JsonObject ?? (JsonObject)(body[bag] = _world.PropertiesByName(_world.Alice));
            var mutations = 1 + _random.Next(3);
            for (var i = 0; i < mutations; i++)
            {
                var name = _random.Next(6) == 0 ? OddShortString() : Pick(PropertyNames);
                JsonNode? value;
                string kind;
                switch (_random.Next(5))
                {
                    case 0:
                        (value, kind) = WrongType();
                        break;
                    case 1:
                        var huge = HugeString();
                        (value, kind) = (huge, $"{huge.Length} characters");
                        break;
                    case 2:
                        var odd = OddShortString();
                        (value, kind) = (odd, $"'{Shorten(odd)}'");
                        break;
                    case 3:
                        (value, kind) = (LoneSurrogateMarker, "a lone surrogate");
                        break;
                    default:
                        properties.Remove(name);
                        description.Append(CultureInfo.InvariantCulture, $"{bag}.{Shorten(name)} removed; ");
                        continue;
                }

                properties[name] = value;
                description.Append(CultureInfo.InvariantCulture, $"{bag}.{Shorten(name)} = {kind}; ");
            }
        }

        if (_random.Next(3) == 0)
        {
            var requestType = _random.Next(2) == 0 ? (JsonNode?)Pick(OddRequestTypes) : WrongType().Value;
            body["RequestType"] = requestType;
            description.Append(CultureInfo.InvariantCulture, $"RequestType {Shorten(requestType?.ToJsonString() ?? "null")}");
        }

        return Finish(body, echo, answerable: true, description.ToString());
    }

    private HostileEvent HostilePhysicalResourceId()
    {
        var body = BaseEvent(out var echo);
        body["RequestType"] = Pick(["Update", "Delete", "Delete", "Create"]);
        var studio = _random.Next(2) == 0 ? ScenarioWorld.StudioId : ScenarioWorld.MissingStudioId;
        // Mostly real types, so that the identity part is what gets judged.
        var type = Pick(["USER", "GROUP", "USER", "GROUP", "ROLE", "user", string.Empty]);
        var guid = new Guid(RandomBytes(16)).ToString();
        JsonNode? id = _random.Next(12) switch
        {
            0 => $"emrstudio:{studio}/{type}/{guid}",
            1 => $"emrstudio:{studio}/{type}/{Pick(PercentJunk)}",
            2 => $"emrstudio:{studio}/{type}/{guid}{Pick(PercentJunk)}",
            3 => $"emrstudio:{studio}/{type}/{new string('a', 250 + _random.Next(20))}",
            4 => $"emrstudio:{studio}//{guid}",
            5 => $"emrstudio:{Pick(["es-", "es-lower", "", "es-X/Y"])}/{type}/{guid}",
            6 => $"emrstudio-create-failed:{OddShortString()}:{guid}",
            7 => "EmrStudioSessionMapping-CreateFailed",
            8 => $"{studio}|{type}|{guid}",
            9 => HugeString(),
            10 => WrongType().Value,
            _ => $"emrstudio:{studio}/{type}/{OddShortString()}",
        };
        body["PhysicalResourceId"] = id;
        return Finish(body, echo, answerable: true, $"{body["RequestType"]} of PhysicalResourceId {Shorten(id?.ToJsonString() ?? "null")}");
    }

    /// <summary>A valid Create event's members; <paramref name="echo"/> receives its echo fields.</summary>
    private JsonObject BaseEvent(out Dictionary<string, string> echo)
    {
        echo = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StackId"] = CustomResourceEventBuilder.StackId,
            ["RequestId"] = new Guid(RandomBytes(16)).ToString(),
            ["LogicalResourceId"] = "Fuzz" + _count.ToString(CultureInfo.InvariantCulture),
        };
        var identity = Pick([_world.DataScientists, _world.Alice, _world.NonAsciiUser]);
        var body = new JsonObject
        {
            ["RequestType"] = "Create",
            ["ServiceToken"] = CustomResourceEventBuilder.ServiceToken,
            ["ResponseURL"] = ReceiverUrlMarker,
            ["StackId"] = echo["StackId"],
            ["RequestId"] = echo["RequestId"],
            ["ResourceType"] = CustomResourceEventBuilder.ResourceType,
            ["LogicalResourceId"] = echo["LogicalResourceId"],
            ["ResourceProperties"] = _world.PropertiesByName(identity),
        };
        if (_random.Next(3) == 0)
        {
            body["OldResourceProperties"] = _world.PropertiesById(identity, ScenarioWorld.OtherPolicyArn);
        }

        return body;
    }

    /// <summary>Gives the event a ResponseURL of the receiver (unless a mutation replaced it) and serializes it.</summary>
    private HostileEvent Finish(JsonObject body, Dictionary<string, string> echo, bool answerable, string description)
    {
        string? url = null;
        if (body.TryGetPropertyValue("ResponseURL", out var existing) && existing is JsonValue marker
            && marker.TryGetValue<string>(out var current) && current == ReceiverUrlMarker)
        {
            url = _world.Receiver.CreateResponseUrl(echo["StackId"], echo["RequestId"], echo["LogicalResourceId"]);
            body["ResponseURL"] = url;
        }

        answerable &= url is not null;
        var text = body.ToJsonString().Replace(JsonValue.Create(LoneSurrogateMarker).ToJsonString(), LoneSurrogateJson, StringComparison.Ordinal);
        return new HostileEvent(
            new CustomResourceEvent(text, CustomResourceEventBuilder.NewLambdaRequestId(), url, answerable),
            $"#{_count}: {description}");
    }

    private (JsonNode? Value, string Kind) WrongType() => _random.Next(7) switch
    {
        0 => (null, "null"),
        1 => (JsonValue.Create(_random.Next(-5, 1_000_000)), "a number"),
        2 => (JsonValue.Create(1.5e300), "a huge number"),
        3 => (JsonValue.Create(_random.Next(2) == 0), "a boolean"),
        4 => (new JsonArray("Create", 1, null), "an array"),
        5 => (new JsonObject { ["nested"] = new JsonObject { ["StudioId"] = ScenarioWorld.StudioId } }, "an object"),
        _ => (new JsonArray(), "an empty array"),
    };

    private string HugeString()
    {
        var length = 10 * 1024 + _random.Next(90 * 1024);
        var unit = Pick(["a", "é", "数", "🚀", "\u0001", "%41", "\"\\", "es-0"]);
        var builder = new StringBuilder(length + 4);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    /// <summary>At most 100 characters, so that all three echo fields fit an answer even fully escaped.</summary>
    private string OddShortString()
    {
        var pieces = new[]
        {
            "Zoë", "李雷", "🚀", "\u0000", "\u0007", "\t", "\r\n", "\u007F", "\u0085", "\u200B", "\u202E", "\uFEFF", "\uFFFF",
            "\"", "\\", "/", "%", "%00", "<script>", "' OR 1=1 --", " ", "emrstudio:", "es-ABC", "\u00A0", "\uD83D\uDE00",
        };
        var builder = new StringBuilder();
        var count = 1 + _random.Next(8);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pick(pieces));
        }

        return builder.ToString();
    }

    private static string Shorten(string text)
    {
        var escaped = JsonValue.Create(text.Length > 60 ? text[..60] + "…" : text).ToJsonString();
        return text.Length > 60 ? $"{escaped} ({text.Length} chars)" : escaped;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];

    private FakeIdentity Pick(FakeIdentity[] choices) => choices[_random.Next(choices.Length)];
}
