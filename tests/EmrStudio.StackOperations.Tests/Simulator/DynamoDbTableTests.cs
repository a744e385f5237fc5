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
    // Every simulated account of the test process shares one dynalite: each test looks only at its own stack's tables.
    private readonly string _stack = "s" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Create_Table_ExistsOnTheAccountsDynamoDbWithTheDeclaredKeyAndArn()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");

        var result = await account.DeployAsync(_stack, Table("pk"));

        Assert.True(result.FinalStatus == StackStatuses.CreateComplete, result.ToString());
        var table = account.Stack(_stack).Resource("Records");
        var described = (await account.DynamoDb.Client.DescribeTableAsync(table.PhysicalId)).Table;
        Assert.Equal("pk", Assert.Single(described.KeySchema).AttributeName);
        Assert.StartsWith(_stack + "-Records-", table.PhysicalId, StringComparison.Ordinal);
        Assert.Equal(table.PhysicalId, account.Stack(_stack).Outputs["Name"]);
        Assert.Equal($"arn:aws:dynamodb:{SimulatedAccountDefaults.Region}:{SimulatedAccountDefaults.AccountId}:table/{table.PhysicalId}", account.Stack(_stack).Outputs["Arn"]);
    }

    [Fact]
    public async Task Update_ChangedKey_ReplacesTheTableAndDeletesTheOldOne()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        await account.DeployAsync(_stack, Table("pk"));
        var old = account.Stack(_stack).Resource("Records").PhysicalId;

        var result = await account.DeployAsync(_stack, Table("id"));

        Assert.True(result.FinalStatus == StackStatuses.UpdateComplete, result.ToString());
        var replacement = account.Stack(_stack).Resource("Records").PhysicalId;
        Assert.NotEqual(old, replacement);
        Assert.Equal([replacement], await TablesOfTheStackAsync(account));
    }

    [Fact]
    public async Task Delete_Stack_DeletesTheTableUnlessRetained()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        var template = Table("pk")
            .WithResource("Retained", Declaration("pk", deletionPolicy: "Retain"));
        await account.DeployAsync(_stack, template);
        var retained = account.Stack(_stack).Resource("Retained").PhysicalId;

        var result = await account.DeleteStackAsync(_stack);

        Assert.True(result.FinalStatus == StackStatuses.DeleteComplete, result.ToString());
        Assert.Equal([retained], await TablesOfTheStackAsync(account));
    }

    [Fact]
    public async Task Create_ProvisionedTableWithoutThroughput_FailsWithDynamoDbsOwnReasonAndRollsBack()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        var template = Table("pk").With(root => root["Resources"]!["Records"]!["Properties"]!.AsObject().Remove("BillingMode"));

        var result = await account.DeployAsync(_stack, template);

        Assert.True(result.FinalStatus == StackStatuses.RollbackComplete, result.ToString());
        var failure = Assert.Single(result.Events, e => e.LogicalResourceId == "Records" && e.ResourceStatus == "CREATE_FAILED");
        Assert.Contains("ValidationException", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(await TablesOfTheStackAsync(account));
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

    private async Task<List<string>> TablesOfTheStackAsync(SimulatedAccount account)
    {
        var tables = new List<string>();
        string? after = null;
        do
        {
            var page = await account.DynamoDb.Client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest { ExclusiveStartTableName = after });
            tables.AddRange(page.TableNames.Where(name => name.StartsWith(_stack + "-", StringComparison.Ordinal)));
            after = page.LastEvaluatedTableName;
        }
        while (!string.IsNullOrEmpty(after));

        return tables;
    }
}
