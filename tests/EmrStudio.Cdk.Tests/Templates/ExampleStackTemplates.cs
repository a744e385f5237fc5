using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Examples;

namespace EmrStudio.Cdk.Tests.Templates;

/// <summary>The templates of examples/EmrStudio.Cdk.Examples' stacks by stack name, synthesized once for a test class.</summary>
public sealed class ExampleStackTemplates
{
    public ExampleStackTemplates()
    {
        _ = TestStacks.FakeHandlerDirectory;
        Templates = ExampleStacks.AddTo(new App()).ToDictionary(s => s.StackName, s => Template.FromStack(s));
    }

    public IReadOnlyDictionary<string, Template> Templates { get; }
}
