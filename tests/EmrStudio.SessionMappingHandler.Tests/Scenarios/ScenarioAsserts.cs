using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Scenarios;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>What every scenario asks of an exchange: the one answer, and whether it is the expected kind.</summary>
internal static class ScenarioAsserts
{
    public static string MappingIdOf(FakeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return $"emrstudio:{ScenarioWorld.StudioId}/{identity.IdentityType}/{identity.Id}";
    }

    public static ReceivedAnswer AssertSucceeded(ScenarioExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var answer = exchange.Answer;
        Assert.True(answer.Status == "SUCCESS", $"expected SUCCESS, got {answer.Status}: {answer.Reason}");
        Assert.False(exchange.Result.IsError, $"the invocation reported an error: {exchange.Result.Body}");
        return answer;
    }

    public static ReceivedAnswer AssertFailed(ScenarioExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var answer = exchange.Answer;
        Assert.Equal("FAILED", answer.Status);
        Assert.False(string.IsNullOrWhiteSpace(answer.Reason));
        // CloudFormation has its answer: the invocation itself succeeded, so Lambda does not retry it.
        Assert.False(exchange.Result.IsError, $"the invocation reported an error: {exchange.Result.Body}");
        return answer;
    }
}
