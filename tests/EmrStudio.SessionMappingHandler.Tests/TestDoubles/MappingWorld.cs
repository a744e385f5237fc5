using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Mapping.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>One EMR account with a studio, a few principals, and the provider under test.</summary>
internal sealed class MappingWorld
{
    public const string Studio = "es-0123456789ABCDEFGHIJKLMNO";
    public const string OtherStudio = "es-9876543210ZYXWVUTSRQPON";
    public const string GroupName = "data-scientists";
    public const string GroupId = "9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666";
    public const string OtherGroupName = "analysts";
    public const string OtherGroupId = "9a67e5e2d3-5e6f7a8b-1111-2222-3333-444455556666";
    public const string UserName = "alice";
    public const string UserId = "9a67e5e2d3-9c0d1e2f-1111-2222-3333-444455556666";
    public const string Policy = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist";
    public const string OtherPolicy = "arn:aws:iam::123456789012:policy/teams/EmrStudioAnalyst";

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 5, 0, 0, TimeSpan.Zero);

    /// <param name="withRecords">Whether the provider keeps desired-state records (in <see cref="Records"/>).</param>
    public MappingWorld(bool withRecords = false)
    {
        Time = new FakeTimeProvider(Start);
        Emr = new InMemoryEmrClient(Time);
        Emr.AddStudio(Studio);
        Emr.AddStudio(OtherStudio);
        Emr.AddIdentity("GROUP", GroupName, GroupId);
        Emr.AddIdentity("GROUP", OtherGroupName, OtherGroupId);
        Emr.AddIdentity("USER", UserName, UserId);
        Log = new CollectingLog();
        Stacks = new ScriptedStackStatus();
        Records = withRecords ? new InMemoryMappingRecords() : null;
        Provider = new SessionMappingOperations(Emr, Stacks, Records, Log, Time);
    }

    public FakeTimeProvider Time { get; }

    public InMemoryEmrClient Emr { get; }

    public CollectingLog Log { get; }

    /// <summary>What CloudFormation says of the event's stack; <c>UPDATE_IN_PROGRESS</c> unless a test says otherwise.</summary>
    public ScriptedStackStatus Stacks { get; }

    /// <summary>The records, when the world keeps them.</summary>
    public InMemoryMappingRecords? Records { get; }

    public SessionMappingOperations Provider { get; }

    /// <summary>The clean-up allowance the CloudFormation layer gives a provider with time to spare.</summary>
    public static TimeSpan CleanupAllowance => AnswerBudget.MaxCleanupAllowance;

    public static string GroupMappingId => $"emrstudio:{Studio}/GROUP/{GroupId}";

    public static string OtherGroupMappingId => $"emrstudio:{Studio}/GROUP/{OtherGroupId}";

    /// <summary>Sends one event with a fresh call log, as each Lambda invocation would.</summary>
    public Task<CustomResourceOutcome> SendAsync(CloudFormationRequest request, CancellationToken cancellationToken = default)
    {
        Emr.Calls.Clear();
        return Provider.ExecuteAsync(request, CleanupAllowance, cancellationToken);
    }

    /// <summary>Creates the group's mapping through the provider, as a stack would have.</summary>
    public async Task<string> CreateGroupMappingAsync(string policy = Policy)
    {
        var outcome = await SendAsync(MappingEvents.Create(MappingEvents.ByName(GroupName, policy: policy)));
        Assert.Equal(ResponseStatus.Success, outcome.Status);
        return outcome.PhysicalResourceId;
    }
}
