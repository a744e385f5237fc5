using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Cdk.Tests.Templates;

/// <summary>The construct's template for a group and a user mapped on two studios, synthesized once for a test class.</summary>
public sealed class TwoMappingsStack
{
    public TwoMappingsStack()
    {
        var stack = TestStacks.NewStack();
        TestStacks.Map(stack, "Group");
        TestStacks.Map(stack, "User", TestStacks.StudioB, StudioIdentity.User("lead.analyst"));
        Template = CloudFormationTemplate.FromJson(TestStacks.Json(stack).ToString(Newtonsoft.Json.Formatting.None), "construct stack");
    }

    public CloudFormationTemplate Template { get; }
}
