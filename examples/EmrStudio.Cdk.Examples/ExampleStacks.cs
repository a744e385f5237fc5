using Amazon.CDK;

namespace EmrStudio.Cdk.Examples;

/// <summary>The examples, one stack each.</summary>
internal static class ExampleStacks
{
    public const string StudioId = "es-0123456789ABCDEFGHIJKLMNO";

    public static IReadOnlyList<Stack> AddTo(App app) =>
    [
        new UserAndGroupStack(app, "UserAndGroup"),
        new ConfiguredHandlerStack(app, "ConfiguredHandler"),
        new HandlerInVpcStack(app, "HandlerInVpc"),
        new AdoptedMappingStack(app, "AdoptedMapping"),
        new ImportedMappingStack(app, "ImportedMapping"),
        new OrganizationRolloutStack(app, "OrganizationRollout"),
        new StackStatusReaderStack(app, "StackStatusReader"),
    ];
}
