using System.Text.Json.Nodes;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// The one source of the StackSet's member template: the handler's stack from template.yaml (through the SAM
/// transform, which CloudFormation would run; a service-managed StackSet runs none, so the StackSet gets the
/// transformed template), plus mappings that name their studio by name, so that one template serves every account
/// and region although each has its own studio id. When a StackSet template of the handler exists, it replaces
/// <see cref="HandlerTemplate"/>, and the ListStudios grant below goes (that template grants it itself).
/// </summary>
public static class StackSetMemberTemplate
{
    public const string StudioName = "analytics";
    public const string SessionPolicyParameter = "SessionPolicyName";
    public const string SessionPolicy = "EmrStudioDataScientist";
    public const string UpdatedSessionPolicy = "team/EmrStudioDataScientistV2";

    /// <summary>Logical id → (IdentityType, IdentityName) of the mappings every instance declares.</summary>
    private static readonly (string LogicalId, string IdentityType, string Name)[] Mappings =
    [
        ("DataScientists", "GROUP", "data-scientists"),
        ("Analysts", "GROUP", "analysts"),
        ("LeadAnalyst", "USER", "lead.analyst@example.com"),
    ];

    public static StackSetMember Build() => new(
        Template(),
        new Dictionary<string, string>(StringComparer.Ordinal) { [SessionPolicyParameter] = SessionPolicy },
        new Dictionary<string, string>(StringComparer.Ordinal) { [SessionPolicyParameter] = UpdatedSessionPolicy },
        StudioName,
        [.. Mappings.Select(mapping => (mapping.IdentityType, mapping.Name))]);

    /// <summary>template.yaml as the SAM transform expands it, with its default parameters (every studio of the account and region).</summary>
    private static CloudFormationTemplate HandlerTemplate() =>
        CloudFormationTemplate.FromFile(RepositoryRoot.File("template.yaml")).WithSamTransform(new Dictionary<string, string>(), RepositoryRoot.Path);

    private static CloudFormationTemplate Template() =>
        HandlerTemplate().With(
            root =>
            {
                root.Remove("Transform");
                ((JsonObject)root["Parameters"]!)[SessionPolicyParameter] = new JsonObject
                {
                    ["Type"] = "String",
                    ["Default"] = SessionPolicy,
                    ["Description"] = "The session policy of every mapping: a customer managed policy's name (with its path) in each account.",
                    ["AllowedPattern"] = "^[A-Za-z0-9+=,.@_/-]{1,512}$",
                };
                var resources = (JsonObject)root["Resources"]!;
                // template.yaml's role manages mappings but cannot list studios, which a StudioName needs.
                resources["StudioNameLookup"] = new JsonObject
                {
                    ["Type"] = "AWS::IAM::Policy",
                    ["Properties"] = new JsonObject
                    {
                        ["PolicyName"] = "EmrStudioListStudios",
                        ["Roles"] = new JsonArray(new JsonObject { ["Ref"] = "HandlerRole" }),
                        ["PolicyDocument"] = new JsonObject
                        {
                            ["Version"] = "2012-10-17",
                            ["Statement"] = new JsonArray(new JsonObject
                            {
                                ["Effect"] = "Allow",
                                ["Action"] = "elasticmapreduce:ListStudios",
                                ["Resource"] = "*",
                            }),
                        },
                    },
                };
                foreach (var (logicalId, identityType, name) in Mappings)
                {
                    resources[logicalId] = Mapping(identityType, name);
                }
            },
            "StackSet member: template.yaml's handler (SAM-transformed) + mappings by StudioName");

    private static JsonObject Mapping(string identityType, string name) => new()
    {
        ["Type"] = "Custom::EmrStudioSessionMapping",
        ["DependsOn"] = new JsonArray("HandlerEventInvokeConfig", "StudioNameLookup"),
        ["Properties"] = new JsonObject
        {
            ["ServiceToken"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Handler", "Arn") },
            ["ServiceTimeout"] = "300",
            ["StudioName"] = StudioName,
            ["IdentityType"] = identityType,
            ["IdentityName"] = name,
            ["SessionPolicyArn"] = new JsonObject { ["Fn::Sub"] = $"arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:policy/${{{SessionPolicyParameter}}}" },
        },
    };
}
