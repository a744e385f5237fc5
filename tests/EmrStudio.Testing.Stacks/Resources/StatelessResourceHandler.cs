using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// Types that only need ids and attributes here: AWS::Logs::LogGroup (Ref the name, Arn), AWS::Lambda::Permission
/// (every change replaces), AWS::CDK::Metadata and AWS::Events::Rule (Ref the name, Arn; the reconcile schedule, which
/// fires only when a test plays it with SimulatedAccount.InvokeScheduledAsync).
/// </summary>
internal sealed class StatelessResourceHandler(string type) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        var id = type switch
        {
            "AWS::Logs::LogGroup" => PhysicalNames.NameOrGenerated(request.Properties, "LogGroupName", request, 512),
            "AWS::Events::Rule" => PhysicalNames.NameOrGenerated(request.Properties, "Name", request, 64),
            _ => PhysicalNames.Generate(request.Stack.Name, request.LogicalId, 64),
        };
        return Task.FromResult(Outcome(id));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request) => Task.FromResult(Outcome(request.PhysicalId!));

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request) => Task.FromResult(ResourceOutcome.Success(request.PhysicalId!));

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => type switch
    {
        "AWS::Logs::LogGroup" => ReplacementRules.AnyChanged(oldProperties, newProperties, "LogGroupName", "LogGroupClass"),
        "AWS::Lambda::Permission" => ReplacementRules.AnythingChanged(oldProperties, newProperties),
        "AWS::Events::Rule" => ReplacementRules.AnyChanged(oldProperties, newProperties, "Name", "EventBusName"),
        _ => false,
    };

    private ResourceOutcome Outcome(string id) => type switch
    {
        "AWS::Logs::LogGroup" => Arn(id, $"arn:aws:logs:{SimulatedAccountDefaults.Region}:{SimulatedAccountDefaults.AccountId}:log-group:{id}:*"),
        "AWS::Events::Rule" => Arn(id, $"arn:aws:events:{SimulatedAccountDefaults.Region}:{SimulatedAccountDefaults.AccountId}:rule/{id}"),
        _ => ResourceOutcome.Success(id),
    };

    private static ResourceOutcome Arn(string id, string arn) => ResourceOutcome.Success(id, attributes: new JsonObject { ["Arn"] = arn });
}
