using Amazon.CDK;
using EmrStudio.Cdk;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>Versions of a stack, synthesized with the construct library, and the forced failure that follows a change.</summary>
internal static class StackVersions
{
    public const string StackName = "Mappings";
    public const string FailureId = "ForcedFailure";

    public static CloudFormationTemplate Mappings(StackWorld world, params MappingSpec[] mappings) =>
        ConstructApp.Synthesize(world.HandlerDirectory, $"construct stack [{string.Join(", ", mappings.Select(m => $"{m.Id}: {m.StudioId} {m.Identity} {m.PolicyArn}"))}]", stack =>
        {
            foreach (var mapping in mappings)
            {
                _ = new StudioSessionMapping(stack, mapping.Id, new StudioSessionMappingProps
                {
                    StudioId = mapping.StudioId,
                    Identity = mapping.Identity,
                    SessionPolicy = mapping.PolicyArn,
                    RemovalPolicy = mapping.RemovalPolicy,
                });
            }
        });

    /// <summary>The template plus a resource that fails on Create after every mapping was created or updated.</summary>
    public static CloudFormationTemplate WithFailureAfterMappings(CloudFormationTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.WithResource(FailureId, TestFailure.Declaration("Create", template.LogicalIdsOfType(StackWorld.MappingType)))
            .With(_ => { }, template.Description + " + a forced failure after the mappings");
    }

    public static MappingSpec Group(string id, string studioId, string name, string policyArn, RemovalPolicy? removal = null) =>
        new(id, studioId, StudioIdentity.Group(name), policyArn, removal);
}
