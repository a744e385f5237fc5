using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Simulator;

/// <summary>The simulator's intrinsic functions and dependency order, on small hand-made templates.</summary>
public sealed class TemplateResolutionTests
{
    private const string Template = """
        {
          "Parameters": {
            "Studios": { "Type": "CommaDelimitedList", "Default": "es-A,es-B" },
            "Name": { "Type": "String", "AllowedPattern": "^[a-z]+$" }
          },
          "Conditions": {
            "IsAlice": { "Fn::Equals": [ { "Ref": "Name" }, "alice" ] },
            "Both": { "Fn::And": [ { "Condition": "IsAlice" }, { "Fn::Not": [ { "Fn::Equals": [ "a", "b" ] } ] } ] },
            "Either": { "Fn::Or": [ false, { "Condition": "Both" } ] }
          },
          "Resources": {
            "Second": { "Type": "T", "Properties": { "Arn": { "Fn::GetAtt": [ "First", "Arn" ] } } },
            "Third": { "Type": "T", "DependsOn": "Second", "Properties": { "X": { "Fn::Sub": "${First.Arn}/${Second}" } } },
            "First": { "Type": "T", "Properties": {} }
          }
        }
        """;

    [Theory]
    [InlineData("""{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${Name}"}""", "arn:aws:iam::123456789012:policy/alice")]
    [InlineData("""{"Fn::Sub": ["${A}-${!Literal}-${First.Arn}", {"A": {"Ref": "Name"}}]}""", "alice-${Literal}-arn:first")]
    [InlineData("""{"Fn::Join": ["+", {"Ref": "Studios"}]}""", "es-A+es-B")]
    [InlineData("""{"Fn::Select": [1, {"Fn::Split": [",", "x,y,z"]}]}""", "y")]
    [InlineData("""{"Fn::If": ["Either", "yes", "no"]}""", "yes")]
    [InlineData("""{"Fn::ImportValue": "Token"}""", "arn:token")]
    [InlineData("""{"Ref": "AWS::StackName"}""", "stack")]
    public void Resolve_Function_GivesCloudFormationsValue(string node, string expected)
    {
        var resolver = Resolver(new Dictionary<string, string> { ["Name"] = "alice" });

        Assert.Equal(expected, resolver.Resolve(JsonNode.Parse(node))!.GetValue<string>());
    }

    [Fact]
    public void Resolve_NoValue_RemovesTheMemberAndTheItem()
    {
        var resolver = Resolver(new Dictionary<string, string> { ["Name"] = "bob" });

        var resolved = resolver.Resolve(JsonNode.Parse("""{"A": {"Fn::If": ["IsAlice", 1, {"Ref": "AWS::NoValue"}]}, "B": [1, {"Ref": "AWS::NoValue"}, 2]}"""));

        Assert.Equal("""{"B":[1,2]}""", resolved!.ToJsonString());
    }

    [Fact]
    public void Resolve_UnsupportedFunction_FailsLoudly()
    {
        var resolver = Resolver(new Dictionary<string, string> { ["Name"] = "alice" });

        var error = Assert.Throws<NotSupportedException>(() => resolver.Resolve(JsonNode.Parse("""{"Fn::GetAZs": ""}""")));
        Assert.Contains("Fn::GetAZs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CommaDelimitedListWithSpaces_TrimsEachMember()
    {
        var resolver = Resolver(new Dictionary<string, string> { ["Name"] = "alice", ["Studios"] = " es-A , es-B" });

        Assert.Equal("es-A+es-B", resolver.Resolve(JsonNode.Parse("""{"Fn::Join": ["+", {"Ref": "Studios"}]}"""))!.GetValue<string>());
    }

    [Fact]
    public void ResolverBeforeDeployment_ParametersAndConditions_ResolveWithDefaults()
    {
        var resolver = CloudFormationTemplate.FromJson(Template).ResolverBeforeDeployment(new Dictionary<string, string> { ["Name"] = "alice" });

        Assert.True(resolver.Condition("Either"));
        Assert.Equal("stack:es-A+es-B", resolver.Resolve(JsonNode.Parse("""{"Fn::Join": [":", [{"Ref": "AWS::StackName"}, {"Fn::Join": ["+", {"Ref": "Studios"}]}]]}"""))!.GetValue<string>());
    }

    [Fact]
    public void ResolverBeforeDeployment_ResourceReference_FailsNamingTheResource()
    {
        var resolver = CloudFormationTemplate.FromJson(Template).ResolverBeforeDeployment(new Dictionary<string, string> { ["Name"] = "alice" });

        var error = Assert.Throws<NotSupportedException>(() => resolver.Resolve(JsonNode.Parse("""{"Fn::GetAtt": ["First", "Arn"]}""")));
        Assert.Contains("First.Arn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ParameterBreakingItsPattern_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => Resolver(new Dictionary<string, string> { ["Name"] = "Alice1" }));
    }

    [Fact]
    public void Build_ReferencesAndDependsOn_OrderEachResourceAfterItsDependencies()
    {
        var template = CloudFormationTemplate.FromJson(Template);

        var graph = DependencyGraph.Build(template, template.Resources.Select(pair => pair.Key).ToHashSet());

        Assert.Equal(["First", "Second", "Third"], graph.Order);
        Assert.True(graph.DependsOn("Third", "First"));
        Assert.False(graph.DependsOn("First", "Third"));
    }

    [Fact]
    public void Build_CircularDependency_FailsLoudly()
    {
        var template = CloudFormationTemplate.FromJson("""{"Resources": {"A": {"Type": "T", "DependsOn": "B"}, "B": {"Type": "T", "Properties": {"X": {"Ref": "A"}}}}}""");

        Assert.Throws<InvalidOperationException>(() => DependencyGraph.Build(template, new HashSet<string> { "A", "B" }));
    }

    private static IntrinsicResolver Resolver(Dictionary<string, string> parameters)
    {
        var template = CloudFormationTemplate.FromJson(Template);
        var values = ParameterResolver.Resolve(template, parameters, "stack", "arn:aws:cloudformation:us-east-1:123456789012:stack/stack/1", new Dictionary<string, string>());
        return new IntrinsicResolver(template, values, new FixedScope());
    }

    private sealed class FixedScope : IResolutionScope
    {
        public JsonNode ResourceRef(string logicalId) => JsonValue.Create(logicalId.ToUpperInvariant());

        public JsonNode ResourceAttribute(string logicalId, string attribute) => JsonValue.Create($"{attribute.ToLowerInvariant()}:{logicalId.ToLowerInvariant()}");

        public string ImportValue(string exportName) => $"arn:{exportName.ToLowerInvariant()}";
    }
}
