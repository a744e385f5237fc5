using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Internal;
using EmrStudio.SessionMappingHandler.Mapping;
using Xunit;

namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>
/// The handler's parser and the construct's synth-time validation judge every value of the agreement table alike:
/// the same verdict, the same property named, the same rule in the same words. EMR's own model is held to the same
/// table in <see cref="EmrModelAgreementTests"/>.
/// </summary>
public sealed class PropertyAgreementTests
{
    public static TheoryData<string> Cases => AgreementCases.Labels();

    /// <summary>The construct takes IdentityType as an enum, so the other properties only.</summary>
    public static TheoryData<string> ConstructCases => AgreementCases.Labels(c => c.Property != "IdentityType");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Handler_TableValue_JudgedAsTheTableSays(string label)
    {
        var @case = AgreementCases.Find(label);

        var verdict = HandlerJudge.Judge(@case.Property, @case.Value);

        Assert.Equal(@case.Ours, verdict.Accepted);
        Assert.Equal(@case.Ours ? null : @case.Property, verdict.Property);
    }

    [Theory]
    [MemberData(nameof(ConstructCases))]
    public void Construct_TableValue_JudgedAsTheHandlerJudgesIt(string label)
    {
        var @case = AgreementCases.Find(label);

        var construct = ConstructJudge.Judge(@case.Property, @case.Value);
        var handler = HandlerJudge.Judge(@case.Property, @case.Value);

        Assert.Equal(handler.Accepted, construct.Accepted);
        Assert.Equal(handler.Property, construct.Property);
        Assert.Equal(handler.RuleWithoutEcho, construct.RuleWithoutEcho);
    }

    [Fact]
    public void Table_EveryDifferenceFromEmr_IsOursBeingStricterForAStatedReason()
    {
        Assert.All(AgreementCases.All, c =>
        {
            if (c.Ours == c.Emr)
            {
                Assert.Null(c.Stricter);
            }
            else
            {
                Assert.False(c.Ours, $"{c} is accepted by our rules but not by EMR's model");
                Assert.False(string.IsNullOrWhiteSpace(c.Stricter), $"{c} is stricter than EMR's model without a stated reason");
            }
        });
    }

    [Fact]
    public void Table_EachPropertyOfEmr_HasAcceptedAndRefusedValues()
    {
        // AdoptExisting is not EMR's; StudioName is not a member of the mapping calls (the handler resolves it by ListStudios).
        foreach (var property in PropertyRules.All.Where(r => r != PropertyRules.AdoptExisting && r != PropertyRules.StudioName).Select(r => r.Name))
        {
            Assert.Contains(AgreementCases.All, c => c.Property == property && c.Ours);
            Assert.Contains(AgreementCases.All, c => c.Property == property && !c.Ours);
        }
    }

    [Theory]
    [InlineData(StudioIdentityType.User)]
    [InlineData(StudioIdentityType.Group)]
    public void Construct_IdentityTypeEnum_BecomesAValueTheHandlerAccepts(StudioIdentityType type)
    {
        var stack = TestStacks.NewStack();
        var identity = type == StudioIdentityType.User ? StudioIdentity.User("someone") : StudioIdentity.Group("someone");

        TestStacks.Map(stack, "Mapping", identity: identity);

        var value = type == StudioIdentityType.User ? "USER" : "GROUP";
        Template.FromStack(stack).HasResourceProperties(HandlerDefaults.ResourceType, new Dictionary<string, object> { ["IdentityType"] = value });
        Assert.True(HandlerJudge.Judge("IdentityType", value).Accepted);
        Assert.Equal(Enum.GetValues<StudioIdentityType>().Length, PropertyRules.IdentityTypes.Count);
    }
}
