using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Runtime;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// The handler from the event's bytes to its answer: parsing, admission, the supervisor and, unless a test swaps in
/// another <see cref="Provider"/>, the real session mapping operations on <see cref="MappingWorld"/>'s in-memory EMR.
/// The answer is captured instead of PUT, and time stands still, so every outcome is decided by the event alone.
/// </summary>
internal sealed class HandlerRig
{
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:EmrStudioSessionMapping";
    public const string StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/11111111-2222-3333-4444-555555555555";

    private CloudFormationResponse? _answer;

    public MappingWorld World { get; private set; } = new();

    /// <summary>The desired-state records of the rig's world (after <see cref="KeepRecords"/>).</summary>
    public InMemoryMappingRecords Records => World.Records ?? throw new InvalidOperationException("The rig keeps no records: call KeepRecords first.");

    /// <summary>From now on the operations keep desired-state records, as a handler with a record table does.</summary>
    public void KeepRecords() => World = new MappingWorld(withRecords: true);

    public InMemoryEmrClient Emr => World.Emr;

    public ScriptedStackStatus Stacks => World.Stacks;

    /// <summary>The provider behind the handler; the real operations unless a test sets one that misbehaves.</summary>
    public ICustomResourceProvider? Provider { get; set; }

    /// <summary>What the Runtime API says was invoked (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</summary>
    public string? InvokedFunctionArn { get; set; } = FunctionArn;

    /// <summary>The time from the event's arrival to the Lambda deadline.</summary>
    public TimeSpan TimeLeft { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The group's mapping, made before the test's event, as a stack would have; returns its PhysicalResourceId.</summary>
    public string SeedGroupMapping(string policy = MappingWorld.Policy)
    {
        Emr.Seed(MappingWorld.Studio, "GROUP", MappingWorld.GroupId, policy);
        return MappingWorld.GroupMappingId;
    }

    /// <summary>A ResponseURL shaped like CloudFormation's, issued <paramref name="ago"/> before now.</summary>
    public string ResponseUrl(TimeSpan ago = default) =>
        "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/analytics/DataScientists"
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date="
        + (World.Time.GetUtcNow() - ago).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)
        + "&X-Amz-SignedHeaders=host&X-Amz-Expires=7199&X-Amz-Signature=secret";

    public JsonObject Create(JsonElement? properties = null) => Event("Create", null, properties);

    public JsonObject Update(string physicalResourceId, JsonElement? properties = null) => Event("Update", physicalResourceId, properties);

    public JsonObject Delete(string physicalResourceId) => Event("Delete", physicalResourceId, null);

    /// <summary>A CloudFormation event as it arrives: the group by name unless <paramref name="properties"/> says otherwise.</summary>
    public JsonObject Event(string requestType, string? physicalResourceId, JsonElement? properties)
    {
        var bag = properties ?? MappingEvents.ByName(MappingWorld.GroupName);
        var @event = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ServiceToken"] = FunctionArn,
            ["ResponseURL"] = ResponseUrl(),
            ["StackId"] = StackId,
            ["RequestId"] = "5a8f0b5e-0000-4000-8000-000000000001",
            ["ResourceType"] = "Custom::EmrStudioSessionMapping",
            ["LogicalResourceId"] = "DataScientists",
            ["ResourceProperties"] = JsonNode.Parse(bag.GetRawText()),
        };
        if (physicalResourceId is not null)
        {
            @event["PhysicalResourceId"] = physicalResourceId;
        }

        if (requestType == "Update")
        {
            @event["OldResourceProperties"] = JsonNode.Parse(MappingEvents.ByName(MappingWorld.GroupName).GetRawText());
        }

        return @event;
    }

    /// <summary>Runs one event through the handler, after <paramref name="change"/> edits it; returns the one answer.</summary>
    public async Task<CloudFormationResponse> SendAsync(JsonObject @event, Action<JsonObject>? change = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        change?.Invoke(@event);
        _answer = null;
        var responder = new DelegateResponder((_, response, _) =>
        {
            Assert.Null(_answer);
            _answer = response;
            return Task.CompletedTask;
        });
        var admission = new EventAdmission(ResponseUrlPolicy.FromVariable(null), StackIdPolicy.FromVariable(null), World.Time);
        var handler = new CustomResourceInvocationHandler(Provider ?? World.Provider, responder, admission, World.Log, World.Time);
        var context = new InvocationContext
        {
            AwsRequestId = "lambda-1",
            Deadline = World.Time.GetUtcNow() + TimeLeft,
            InvokedFunctionArn = InvokedFunctionArn,
        };

        World.Emr.Calls.Clear();
        await handler.HandleAsync(Encoding.UTF8.GetBytes(@event.ToJsonString()), context, CancellationToken.None);
        return _answer ?? throw new InvalidOperationException("The handler answered nothing.");
    }

    /// <summary>The Reason of the FAILED answer to <paramref name="event"/>; fails the test when the answer is a success.</summary>
    public async Task<string> ReasonAsync(JsonObject @event, Action<JsonObject>? change = null)
    {
        var answer = await SendAsync(@event, change);
        Assert.True(answer.Status == ResponseStatus.Failed, $"expected FAILED, got {answer.Status} ({answer.PhysicalResourceId})");
        return answer.Reason ?? string.Empty;
    }
}
