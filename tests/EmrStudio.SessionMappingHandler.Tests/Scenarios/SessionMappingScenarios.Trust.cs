using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.Testing.Scenarios;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.Scenarios.ScenarioAsserts;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>Only CloudFormation's own events act: StackIds and ResponseURLs it would never send this function are refused.</summary>
public abstract partial class SessionMappingScenarios
{
    private const string OtherAccountStack = "arn:aws:cloudformation:us-east-1:111122223333:stack/shared/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    [Theory]
    [InlineData("another account", OtherAccountStack, "account is not trusted")]
    [InlineData("another region", "arn:aws:cloudformation:eu-west-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "another region")]
    [InlineData("another partition", "arn:aws-cn:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", "another partition")]
    [InlineData("not an ARN", "not-a-stack", "must be a CloudFormation stack ARN")]
    [InlineData("a stack ARN with a bad shape", "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics", "must be a CloudFormation stack ARN")]
    public async Task Delete_StackIdCloudFormationWouldNotSend_AnswersFailedNamingTheCheckAndLeavesTheMapping(string what, string stackId, string expected)
    {
        _ = what;
        await using var session = await StartAsync();
        var world = session.World;
        var mapping = world.Emr.PutMapping(ScenarioWorld.StudioId, world.DataScientists, ScenarioWorld.PolicyArn);

        var answer = AssertFailed(await session.SendAsync(world.Events.Delete(MappingIdOf(world.DataScientists), world.PropertiesByName(world.DataScientists), stackId: stackId)));

        Assert.Equal(MappingIdOf(world.DataScientists), answer.PhysicalResourceId);
        Assert.StartsWith("StackId: ", answer.Reason, StringComparison.Ordinal);
        Assert.Contains(expected, answer.Reason, StringComparison.Ordinal);
        Assert.Empty(world.Emr.Requests);
        Assert.Equal(mapping, Assert.Single(world.Emr.Mappings));
        Assert.Contains("\"refusedBy\":\"StackId\"", session.Runner.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StackInATrustedAccount_IsActedOn()
    {
        await using var session = await StartAsync(adjustEnvironment: environment => environment["EMRSTUDIO_TRUSTED_STACK_ACCOUNTS"] = "444455556666,111122223333");
        var world = session.World;

        var answer = AssertSucceeded(await session.SendAsync(world.Events.Create(world.PropertiesByName(world.DataScientists), stackId: OtherAccountStack)));

        Assert.Equal(MappingIdOf(world.DataScientists), answer.PhysicalResourceId);
        Assert.Single(world.Emr.Mappings);
    }

    [Fact]
    public async Task Startup_MalformedTrustedAccounts_ReportsAnInitErrorNamingTheVariable()
    {
        await using var session = await StartAsync(adjustEnvironment: environment => environment["EMRSTUDIO_TRUSTED_STACK_ACCOUNTS"] = "1111-2222-3333");

        Assert.NotEqual(0, await session.Runner.WaitForExitAsync(ExitWait));
        Assert.Contains("EMRSTUDIO_TRUSTED_STACK_ACCOUNTS", Assert.Single(session.World.Runtime.InitErrors).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http to a host that is not trusted")]
    [InlineData("localhost")]
    [InlineData("an IP literal")]
    [InlineData("user information")]
    [InlineData("https to a host outside AWS")]
    [InlineData("an AWS-looking host with a suffix trick")]
    [InlineData("http to an AWS host")]
    public async Task Delete_ResponseUrlCloudFormationWouldNotSend_PutsNothingAnywhereAndReportsAnInvocationError(string what)
    {
        await using var session = await StartAsync();
        var world = session.World;
        world.Emr.PutMapping(ScenarioWorld.StudioId, world.DataScientists, ScenarioWorld.PolicyArn);
        var legitimate = world.Events.Delete(MappingIdOf(world.DataScientists), world.PropertiesByName(world.DataScientists));
        var trap = new Uri(world.Trap.CreateResponseUrl(CustomResourceEventBuilder.StackId, "r", CustomResourceEventBuilder.DefaultLogicalResourceId));
        var receiver = new Uri(legitimate.ResponseUrl!);
        var url = what switch
        {
            "http to a host that is not trusted" => trap.ToString(),
            "localhost" => $"http://localhost:{trap.Port}{trap.PathAndQuery}",
            "an IP literal" => $"https://127.0.0.1:{trap.Port}{trap.PathAndQuery}",
            "user information" => $"http://user:secret@{receiver.Authority}{receiver.PathAndQuery}",
            "https to a host outside AWS" => $"https://example.com{trap.PathAndQuery}",
            "an AWS-looking host with a suffix trick" => $"https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com.example.net{trap.PathAndQuery}",
            _ => $"http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com{trap.PathAndQuery}",
        };
        var body = JsonNode.Parse(legitimate.Body)!.AsObject();
        body["ResponseURL"] = url;

        var exchange = await session.SendAsync(legitimate with { Body = body.ToJsonString() });

        Assert.True(exchange.Result.IsError, "a refused ResponseURL must be reported to Lambda as an invocation error");
        Assert.Equal("RefusedEventException", JsonDocument.Parse(exchange.Result.Body).RootElement.GetProperty("errorType").GetString());
        Assert.Empty(exchange.Answers);
        Assert.Equal(0, world.Receiver.AttemptCount(legitimate.ResponseUrl!));
        Assert.Equal(0, world.Trap.TotalRequests);
        Assert.Empty(world.Emr.Requests);
        Assert.Single(world.Emr.Mappings);
        var output = session.Runner.Output;
        Assert.Contains("\"refusedBy\":\"ResponseURL\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain(new Uri(url).Query, output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ReceiverAnswersARedirect_IsNotTakenForDeliveredAndTheMappingIsUndone()
    {
        await using var session = await StartAsync();
        var world = session.World;
        var created = world.Events.Create(world.PropertiesByName(world.DataScientists));
        world.Receiver.FailForever(created.ResponseUrl!, 307);

        // As for any undeliverable answer: 9 s of refused PUTs, then 950 ms for a delete of a few milliseconds.
        var exchange = await session.SendAsync(created, TimeSpan.FromSeconds(10));

        Assert.True(exchange.Result.IsError, "a 3xx stores nothing: the answer was not delivered");
        Assert.Empty(exchange.Answers);
        Assert.True(world.Receiver.AttemptCount(created.ResponseUrl!) > 1, "a 3xx should be retried like any other failed delivery");
        Assert.True(world.Emr.Mappings.Count == 0, "the mapping was left behind. Handler output:\n" + session.Runner.Output);
    }
}
