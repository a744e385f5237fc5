using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;

namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>The construct's synth-time validation, given the value where an app would give it.</summary>
internal static class ConstructJudge
{
    public const string Path = "Test/Mapping";

    /// <summary>
    /// Accepted means the mapping was defined and its template carries the value exactly; refused means the
    /// construct's validation error.
    /// </summary>
    public static Verdict Judge(string property, string value)
    {
        var stack = TestStacks.NewStack();
        try
        {
            _ = new StudioSessionMapping(stack, "Mapping", new StudioSessionMappingProps
            {
                StudioId = property == "StudioId" ? value : TestStacks.StudioA,
                Identity = property switch
                {
                    "IdentityId" => StudioIdentity.GroupId(value),
                    "IdentityName" => StudioIdentity.Group(value),
                    _ => StudioIdentity.Group("data-scientists"),
                },
                SessionPolicy = property == "SessionPolicyArn" ? value : TestStacks.PolicyArn,
            });
        }
        catch (StudioSessionMappingValidationException error)
        {
            return new Verdict(false, error.ParamName, error.Rule);
        }

        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { [property] = value });
        return Verdict.Accept;
    }
}
