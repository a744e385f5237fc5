using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Simulator;

/// <summary>
/// CloudFormation's sequencing as the simulator applies it, with native resources only (no function runs): a
/// replacement's cleanup, a rollback that returns to the old physical resource and deletes the new one, Retain.
/// </summary>
public sealed class StackRulesTests
{
    private const string StudioId = "es-RULES0123456789";
    private const string Policy = "arn:aws:iam::123456789012:policy/P";

    [Fact]
    public async Task Update_ReplacedNativeMapping_CreatesTheNewOneFirstAndDeletesTheOldInCleanup()
    {
        await using var account = await StartAsync();
        await account.DeployAsync("s", Native("alpha"));

        var result = await account.DeployAsync("s", Native("beta"));

        Assert.Equal(StackStatuses.UpdateComplete, result.FinalStatus);
        Assert.Equal(["Created alpha", "Created beta", "Deleted alpha"], History(account));
        Assert.Equal(StackStatuses.UpdateCompleteCleanupInProgress, StatusBefore(result, "DELETE_COMPLETE"));
    }

    [Fact]
    public async Task Update_FailureAfterReplacement_ReturnsToTheOldMappingAndDeletesTheNewInRollbackCleanup()
    {
        await using var account = await StartAsync();
        await account.DeployAsync("s", Native("alpha"));

        var result = await account.DeployAsync("s", Native("beta").WithResource("Boom", TestFailure.Declaration("Create", ["Mapping"])));

        Assert.Equal(StackStatuses.UpdateRollbackComplete, result.FinalStatus);
        Assert.Equal(["Created alpha", "Created beta", "Deleted beta"], History(account));
        Assert.Equal(StackStatuses.UpdateRollbackCompleteCleanupInProgress, StatusBefore(result, "DELETE_COMPLETE"));
        Assert.Equal($"{StudioId}|GROUP|alpha", account.Stack("s").Resource("Mapping").PhysicalId);
        Assert.False(account.Stack("s").Resources.ContainsKey("Boom"));
    }

    [Fact]
    public async Task Create_ResourceFails_DeletesWhatWasCreatedAndEndsRollbackComplete()
    {
        await using var account = await StartAsync();

        var result = await account.DeployAsync("s", Native("alpha").WithResource("Boom", TestFailure.Declaration("Create", ["Mapping"])));

        Assert.Equal(StackStatuses.RollbackComplete, result.FinalStatus);
        Assert.Equal(["Created alpha", "Deleted alpha"], History(account));
    }

    [Fact]
    public async Task Delete_FailingResource_EndsDeleteFailedAndKeepsWhatItDependsOn()
    {
        await using var account = await StartAsync();
        await account.DeployAsync("s", Native("alpha").WithResource("Boom", TestFailure.Declaration("Delete", ["Mapping"])));

        var result = await account.DeleteStackAsync("s");

        Assert.Equal(StackStatuses.DeleteFailed, result.FinalStatus);
        Assert.Equal(["Created alpha"], History(account));
    }

    [Fact]
    public async Task Update_RemovedRetainedMapping_IsSkippedNotDeleted()
    {
        await using var account = await StartAsync();
        await account.DeployAsync("s", Native("alpha").With(root => root["Resources"]!["Mapping"]!["DeletionPolicy"] = "Retain"));

        var result = await account.DeployAsync("s", CloudFormationTemplate.FromJson("""{"Resources": {"Other": {"Type": "Test::Failure", "Properties": {"FailOn": ""}}}}"""));

        Assert.Equal(StackStatuses.UpdateComplete, result.FinalStatus);
        Assert.Contains(result.Events, e => e.LogicalResourceId == "Mapping" && e.ResourceStatus == StackStatuses.DeleteSkipped);
        Assert.Equal(["Created alpha"], History(account));
    }

    private static async Task<SimulatedAccount> StartAsync()
    {
        var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        account.Emr.AddStudio(StudioId);
        account.Emr.AddGroup("alpha");
        account.Emr.AddGroup("beta");
        return account;
    }

    private static CloudFormationTemplate Native(string group) => CloudFormationTemplate.FromJson($$"""
        {"Resources": {"Mapping": {"Type": "AWS::EMR::StudioSessionMapping", "Properties": {
          "StudioId": "{{StudioId}}", "IdentityType": "GROUP", "IdentityName": "{{group}}", "SessionPolicyArn": "{{Policy}}" } } } }
        """);

    private static List<string> History(SimulatedAccount account) =>
        [.. account.Emr.MappingHistory.Select(change => $"{change.Kind} {change.Mapping.IdentityName}")];

    /// <summary>The stack status in force when the first resource event of <paramref name="status"/> was written.</summary>
    private static string StatusBefore(StackOperationResult result, string status)
    {
        var stackStatus = string.Empty;
        foreach (var e in result.Events)
        {
            if (e.ResourceType == "AWS::CloudFormation::Stack")
            {
                stackStatus = e.ResourceStatus;
            }
            else if (e.ResourceStatus == status)
            {
                return stackStatus;
            }
        }

        return "(never)";
    }
}
