using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>
/// EMR's own API model judges the agreement table as the table says: whatever our rules accept, EMR's model accepts
/// too, and each value only we refuse is one the table says we refuse on purpose.
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class EmrModelAgreementTests
{
    /// <summary>EMR's model for its string members: XML characters (tab, CR and LF being the only controls).</summary>
    private const string XmlCharacters = @"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*";

    public static TheoryData<string> Cases => AgreementCases.Labels();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Model_TableValue_JudgedAsTheTableSays(string label)
    {
        var @case = AgreementCases.Find(label);

        Assert.Equal(@case.Emr, EmrServiceModel.Accepts(@case));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Model_ValueTheHandlerAccepts_IsAccepted(string label)
    {
        var @case = AgreementCases.Find(label);

        if (HandlerJudge.Judge(@case.Property, @case.Value).Accepted)
        {
            Assert.True(EmrServiceModel.Accepts(@case), $"{@case} passes the handler but EMR's model refuses it");
        }
    }

    [Theory]
    [InlineData("StudioId")]
    [InlineData("IdentityId")]
    [InlineData("IdentityName")]
    [InlineData("SessionPolicyArn")]
    public void Model_StringMember_IsTheXmlTextOfAtMostOurMaximum(string member)
    {
        var constraints = EmrServiceModel.Members[member];

        Assert.Equal(0, constraints.Min);
        Assert.Equal(PropertyRules.MaxLength, constraints.Max);
        Assert.Equal(XmlCharacters, constraints.Pattern);
    }

    [Fact]
    public void Model_IdentityType_IsTheEnumOfOurRules()
    {
        Assert.Equal(PropertyRules.IdentityTypes, EmrServiceModel.Members["IdentityType"].Enum);
    }
}
