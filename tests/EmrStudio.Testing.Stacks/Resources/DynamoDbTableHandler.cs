using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using EmrStudio.Testing.Emulators;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// AWS::DynamoDB::Table as a real table on the account's dynalite, created and deleted over the wire, so that a
/// function given the table's name reads and writes it. Ref is the name; Arn is the table's ARN. What dynalite does
/// not model (point-in-time recovery, encryption, time to live) is taken as declared.
/// </summary>
internal sealed class DynamoDbTableHandler(Func<Dynalite> dynamoDb, Func<string, string> tableArn) : IResourceHandler
{
    public const string Type = "AWS::DynamoDB::Table";

    public async Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var properties = request.Properties;
        foreach (var unsupported in new[] { "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification", "ImportSourceSpecification" })
        {
            if (properties.ContainsKey(unsupported))
            {
                throw new NotSupportedException($"{request.LogicalId}: {Type} with {unsupported} is not simulated.");
            }
        }

        var name = PhysicalNames.NameOrGenerated(properties, "TableName", request, 255);
        var create = new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [.. Items(properties, "AttributeDefinitions").Select(a => new AttributeDefinition(Text(a, "AttributeName"), ScalarAttributeType.FindValue(Text(a, "AttributeType"))))],
            KeySchema = [.. Items(properties, "KeySchema").Select(k => new KeySchemaElement(Text(k, "AttributeName"), KeyType.FindValue(Text(k, "KeyType"))))],
        };
        if (properties["BillingMode"] is JsonValue billingMode)
        {
            create.BillingMode = BillingMode.FindValue(billingMode.GetValue<string>());
        }

        if (properties["ProvisionedThroughput"] is JsonObject throughput)
        {
            create.ProvisionedThroughput = new ProvisionedThroughput(Number(throughput, "ReadCapacityUnits"), Number(throughput, "WriteCapacityUnits"));
        }

        try
        {
            await dynamoDb().CreateTableAsync(create);
        }
        catch (AmazonDynamoDBException exception)
        {
            return ResourceOutcome.Failure($"{exception.ErrorCode}: {exception.Message}");
        }

        return Outcome(name);
    }

    /// <summary>Nothing dynalite models changes in place (a new key or name replaces the table), but the table must still be there.</summary>
    public async Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        try
        {
            await dynamoDb().Client.DescribeTableAsync(request.PhysicalId!);
        }
        catch (ResourceNotFoundException exception)
        {
            return ResourceOutcome.Failure($"{exception.ErrorCode}: {exception.Message}");
        }

        return Outcome(request.PhysicalId!);
    }

    /// <summary>A table already gone counts as deleted, as CloudFormation counts it.</summary>
    public async Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        try
        {
            await dynamoDb().DeleteTableAsync(request.PhysicalId!);
        }
        catch (ResourceNotFoundException)
        {
        }

        return ResourceOutcome.Success(request.PhysicalId!);
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) =>
        ReplacementRules.AnyChanged(oldProperties, newProperties, "TableName", "KeySchema");

    private ResourceOutcome Outcome(string name) => ResourceOutcome.Success(name, attributes: new JsonObject { ["Arn"] = tableArn(name) });

    private static IEnumerable<JsonObject> Items(JsonObject properties, string name) =>
        (properties[name] as JsonArray ?? throw new InvalidOperationException($"{Type} needs {name}.")).Select(item => item!.AsObject());

    private static string Text(JsonObject item, string name) =>
        item[name]?.GetValue<string>() ?? throw new InvalidOperationException($"{Type}: an entry without {name}.");

    // Template numbers may arrive as JSON numbers or as strings.
    private static long Number(JsonObject item, string name) =>
        long.Parse(item[name]?.ToString() ?? throw new InvalidOperationException($"{Type}: ProvisionedThroughput without {name}."), System.Globalization.CultureInfo.InvariantCulture);
}
