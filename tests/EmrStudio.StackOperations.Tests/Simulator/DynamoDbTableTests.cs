using System.Text.Json.Nodes;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Simulator;

/// <summary>
/// AWS::DynamoDB::Table as the simulator plays it: a real table on the account's dynalite, made and removed over the
/// wire by CloudFormation's rules (replacement on a new key, Retain keeps it), and refused as DynamoDB refuses it.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class DynamoDbTableTests
{
    [Fact]
    public async Task Create_Table_ExistsOnTheAccountsDynamoDbWithTheDeclaredKeyAndArn()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");

        var result = await account.DeployAsync("s", Table("pk"));

        Assert.True(result.FinalStatus == StackStatuses.CreateComplete, result.ToString());
        var table = account.Stack("s").Resource("Records");
        var described = (await account.DynamoDb.Client.DescribeTableAsync(table.PhysicalId)).Table;
        Assert.Equal("pk", Assert.Single(described.KeySchema).AttributeName);
        Assert.StartsWith("s-Records-", table.PhysicalId, StringComparison.Ordinal);
        Assert.Equal(table.PhysicalId, account.Stack("s").Outputs["Name"]);
        Assert.Equal($"arn:aws:dynamodb:{SimulatedAccountDefaults.Region}:{SimulatedAccountDefaults.AccountId}:table/{table.PhysicalId}", account.Stack("s").Outputs["Arn"]);
    }

    [Fact]
    public async Task Update_ChangedKey_ReplacesTheTableAndDeletesTheOldOne()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        await account.DeployAsync("s", Table("pk"));
        var old = account.Stack("s").Resource("Records").PhysicalId;

        var result = await account.DeployAsync("s", Table("id"));

        Assert.True(result.FinalStatus == StackStatuses.UpdateComplete, result.ToString());
        var replacement = account.Stack("s").Resource("Records").PhysicalId;
        Assert.NotEqual(old, replacement);
        Assert.Equal([replacement], (await account.DynamoDb.Client.ListTablesAsync()).TableNames);
    }

    [Fact]
    public async Task Delete_Stack_DeletesTheTableUnlessRetained()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        var template = Table("pk")
            .WithResource("Retained", Declaration("pk", deletionPolicy: "Retain"));
        await account.DeployAsync("s", template);
        var retained = account.Stack("s").Resource("Retained").PhysicalId;

        var result = await account.DeleteStackAsync("s");

        Assert.True(result.FinalStatus == StackStatuses.DeleteComplete, result.ToString());
        Assert.Equal([retained], (await account.DynamoDb.Client.ListTablesAsync()).TableNames);
    }

    [Fact]
    public async Task Create_ProvisionedTableWithoutThroughput_FailsWithDynamoDbsOwnReasonAndRollsBack()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        var template = Table("pk").With(root => root["Resources"]!["Records"]!["Properties"]!.AsObject().Remove("BillingMode"));

        var result = await account.DeployAsync("s", template);

        Assert.True(result.FinalStatus == StackStatuses.RollbackComplete, result.ToString());
        var failure = Assert.Single(result.Events, e => e.LogicalResourceId == "Records" && e.ResourceStatus == "CREATE_FAILED");
        Assert.Contains("ValidationException", failure.Reason, StringComparison.Ordinal);
        Assert.Empty((await account.DynamoDb.Client.ListTablesAsync()).TableNames);
    }

    private static CloudFormationTemplate Table(string key) => CloudFormationTemplate.FromJson("""
        {"Outputs": {"Name": {"Value": {"Ref": "Records"}}, "Arn": {"Value": {"Fn::GetAtt": ["Records", "Arn"]}}}}
        """).WithResource("Records", Declaration(key));

    private static JsonObject Declaration(string key, string? deletionPolicy = null)
    {
        var declaration = new JsonObject
        {
            ["Type"] = "AWS::DynamoDB::Table",
            ["Properties"] = new JsonObject
            {
                ["BillingMode"] = "PAY_PER_REQUEST",
                ["AttributeDefinitions"] = new JsonArray(new JsonObject { ["AttributeName"] = key, ["AttributeType"] = "S" }),
                ["KeySchema"] = new JsonArray(new JsonObject { ["AttributeName"] = key, ["KeyType"] = "HASH" }),
            },
        };
        if (deletionPolicy is not null)
        {
            declaration["DeletionPolicy"] = deletionPolicy;
        }

        return declaration;
    }
}
