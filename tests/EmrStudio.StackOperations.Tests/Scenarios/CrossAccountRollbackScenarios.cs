using EmrStudio.StackOperations.Tests.Infrastructure;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;
using static EmrStudio.StackOperations.Tests.Infrastructure.StackWorld;

namespace EmrStudio.StackOperations.Tests.Scenarios;

/// <summary>
/// template.yaml's handler in one account serving a stack of another, trusted account: a replacement there that rolls
/// back is restored through the reader role of examples/stack-status-reader-role.yaml (STS AssumeRole, then
/// DescribeStacks with the role's credentials), and without a role name it fails as documented, touching nothing.
/// </summary>
[Collection(StackOperationsCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class CrossAccountRollbackScenarios(PublishedBootstrap published, ITestOutputHelper output)
{
    private const string StackAccount = "210987654321";
    private const string ReaderRoleName = "EmrStudioStackStatusReader";
    private const string ReaderStack = "emrstudio-stack-status-reader";
    private const string ConsumerStack = "team-studio-access";
    private const string Mapping = "TeamAccess";

    [Fact]
    public async Task Update_ReplacementRollsBackInTrustedAccountWithReaderRole_RestoresTheOldMappingAndCompletesTheRollback()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        await using var stackAccount = await StartStackAccountAsync(world);

        var result = await ReplaceThenFailAsync(world, stackAccount, ReaderRoleName);

        Assert.True(result.FinalStatus == StackStatuses.UpdateRollbackComplete, $"{result}\n{world.Account.HandlerOutput}");
        var only = Assert.Single(world.Emr.Mappings);
        Assert.Equal((world.DataScientists.Id, PolicyA), (only.IdentityId, only.SessionPolicyArn));
        Assert.Contains(world.Account.SecurityToken.Sessions, session => session.RoleArn == $"arn:aws:iam::{StackAccount}:role/{ReaderRoleName}");
        Assert.Contains(world.Account.CloudFormation.Requests, request => request.Parameters.GetValueOrDefault("StackName") == stackAccount.Stack(ConsumerStack).StackId);
        Assert.Empty(world.Account.Violations);
        Assert.Empty(stackAccount.Violations);
    }

    [Fact]
    public async Task Update_ReplacementRollsBackInTrustedAccountWithoutRoleName_FailsTheRollbackNamingTheMissingRoleAndLeavesTheOldMapping()
    {
        await using var world = await StackWorld.StartAsync(published, output);
        await using var stackAccount = await StartStackAccountAsync(world);

        var result = await ReplaceThenFailAsync(world, stackAccount, roleName: string.Empty);

        Assert.True(result.FinalStatus == StackStatuses.UpdateRollbackFailed, result.ToString());
        var refusal = Assert.Single(result.Events, e => e.LogicalResourceId == Mapping && e.ResourceStatus == "UPDATE_FAILED" && e.Reason!.Contains("could not be learned", StringComparison.Ordinal));
        Assert.Contains("EMRSTUDIO_STACK_STATUS_ROLE_NAME", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains(world.Emr.Mappings, m => (m.IdentityId, m.SessionPolicyArn) == (world.DataScientists.Id, PolicyA));
        Assert.Empty(world.Account.SecurityToken.Sessions);
        Assert.Empty(world.Account.Violations);
    }

    private static CloudFormationTemplate Consumer(bool failAfterMapping) =>
        CloudFormationTemplate.FromJson(
            $$"""
            {
              "Parameters": { "ServiceToken": { "Type": "String" }, "GroupName": { "Type": "String" } },
              "Resources": {
                "{{Mapping}}": {
                  "Type": "{{MappingType}}",
                  "Properties": {
                    "ServiceToken": { "Ref": "ServiceToken" }, "ServiceTimeout": 300, "StudioId": "{{StudioX}}",
                    "IdentityType": "GROUP", "IdentityName": { "Ref": "GroupName" }, "SessionPolicyArn": "{{PolicyA}}"
                  }
                }
              }
            }
            """,
            "team studio access of the other account").With(root =>
            {
                if (failAfterMapping)
                {
                    root["Resources"]!["Boom"] = TestFailure.Declaration("Create", [Mapping]);
                }
            });

    private async Task<SimulatedAccount> StartStackAccountAsync(StackWorld world)
    {
        var account = await SimulatedAccount.StartAsync(
            published.RequireExecutable(), world.Account.Options with { AccountId = StackAccount });
        world.Account.Connect(account);
        return account;
    }

    /// <summary>
    /// The handler account trusts the stack account (and names the reader role, unless <paramref name="roleName"/> is
    /// empty); the stack account deploys the reader role, maps data-scientists, then maps analysts instead (a
    /// replacement) with a resource after it that fails, so the update rolls back.
    /// </summary>
    private async Task<StackOperationResult> ReplaceThenFailAsync(StackWorld world, SimulatedAccount stackAccount, string roleName)
    {
        var handler = await world.DeployAsync(RawTemplateScenarios.HandlerStack, RawTemplateScenarios.HandlerTemplate(), new Dictionary<string, string>
        {
            ["Studios"] = StudioX,
            ["TrustedStackAccounts"] = StackAccount,
            ["StackStatusRoleName"] = roleName,
        });
        Assert.True(handler.FinalStatus == StackStatuses.CreateComplete, handler.ToString());
        var outputs = world.Account.Stack(RawTemplateScenarios.HandlerStack).Outputs;

        var reader = await stackAccount.DeployAsync(
            ReaderStack,
            CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/stack-status-reader-role.yaml")),
            new Dictionary<string, string> { ["HandlerRoleArn"] = outputs["HandlerRoleArn"], ["RoleName"] = ReaderRoleName });
        Assert.True(reader.FinalStatus == StackStatuses.CreateComplete, reader.ToString());

        var created = await stackAccount.DeployAsync(ConsumerStack, Consumer(failAfterMapping: false), new Dictionary<string, string>
        {
            ["ServiceToken"] = outputs["ServiceToken"],
            ["GroupName"] = world.DataScientists.Name,
        });
        Assert.True(created.FinalStatus == StackStatuses.CreateComplete, $"{created}\n{world.Account.HandlerOutput}");
        var original = Assert.Single(world.Emr.Mappings);
        Assert.Equal(world.DataScientists.Id, original.IdentityId);

        var updated = await stackAccount.DeployAsync(ConsumerStack, Consumer(failAfterMapping: true), new Dictionary<string, string>
        {
            ["ServiceToken"] = outputs["ServiceToken"],
            ["GroupName"] = world.Analysts.Name,
        });
        world.Log($"update {ConsumerStack} in {StackAccount}: {updated}\nEMR: {world.EmrState()}");
        Assert.Contains(updated.Events, e => e.LogicalResourceId == Mapping && e.ResourceStatus == "UPDATE_COMPLETE");
        return updated;
    }
}
