using System.Text.Json;
using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping;

public sealed class SessionMappingPropertiesParserTests
{
    [Fact]
    public void Parse_ValidWithIdentityName_ReturnsProperties()
    {
        var result = SessionMappingPropertiesParser.Parse(MappingEvents.Properties());

        Assert.True(result.IsValid);
        Assert.Equal(
            new SessionMappingProperties(MappingWorld.Studio, "GROUP", null, MappingWorld.GroupName, MappingWorld.Policy),
            result.Properties);
    }

    [Fact]
    public void Parse_ValidWithIdentityId_ReturnsProperties()
    {
        var result = SessionMappingPropertiesParser.Parse(MappingEvents.ById(MappingWorld.UserId, "USER"));

        Assert.True(result.IsValid);
        Assert.Equal(MappingWorld.UserId, result.Properties.IdentityId);
        Assert.Null(result.Properties.IdentityName);
        Assert.Equal("USER", result.Properties.IdentityType);
    }

    [Theory]
    [InlineData("\"300\"")]
    [InlineData("300")]
    [InlineData("true")]
    [InlineData("null")]
    public void Parse_CloudFormationPropertiesOfAnyScalarType_AreIgnored(string value)
    {
        var result = Parse($$"""{"ServiceToken": {{value}}, "ServiceTimeout": {{value}}, {{ValidBody}}}""");

        Assert.True(result.IsValid, result.Describe());
    }

    [Fact]
    public void Parse_WithoutCloudFormationProperties_IsValid()
    {
        Assert.True(Parse($$"""{{{ValidBody}}}""").IsValid);
    }

    [Theory]
    [InlineData("{}", "an object")]
    [InlineData("[]", "an array")]
    public void Parse_CloudFormationPropertyNotScalar_ReportsIt(string value, string kind)
    {
        var result = Parse($$"""{"ServiceTimeout": {{value}}, {{ValidBody}}}""");

        Assert.Equal($"ServiceTimeout: must be a single value (got {kind})", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"StudioId\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("false", "a boolean")]
    [InlineData("null", "null")]
    public void Parse_NotAnObject_ReportsResourceProperties(string json, string kind)
    {
        var result = Parse(json);

        Assert.Equal($"ResourceProperties: must be a JSON object (got {kind})", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_Absent_ReportsResourceProperties()
    {
        var result = SessionMappingPropertiesParser.Parse(null);

        Assert.Equal("ResourceProperties: must be a JSON object (got nothing)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_UnknownProperty_NamesIt()
    {
        var result = Parse($$"""{"Color": "blue", {{ValidBody}}}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("Color", error.Property);
        Assert.StartsWith("is not a property of this resource; allowed: StudioId, StudioName, IdentityType", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PropertyInWrongCase_SuggestsTheRealName()
    {
        var result = Parse($$"""{"studioId": "es-ABC", "IdentityType": "GROUP", "IdentityName": "x", "SessionPolicyArn": "{{MappingWorld.Policy}}"}""");

        Assert.Contains(result.Errors, e => e.Property == "studioId" && e.Rule.Contains("(did you mean StudioId?)", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.ToString() == "StudioId|StudioName: exactly one of StudioId and StudioName is required (got neither)");
    }

    [Fact]
    public void Parse_UnknownPropertyWithHostileName_EchoesItShortAndClean()
    {
        var name = "Bad\u0001\nName" + new string('x', 300);

        var result = Parse($$"""{{{JsonSerializer.Serialize(name, MappingTestJson.Default.String)}}: "v", {{ValidBody}}}""");

        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain(error.Property, char.IsControl);
        Assert.True(error.Property.Length <= ReasonText.DefaultMaxEcho + 3);
        Assert.StartsWith("BadName", error.Property, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateProperty_ReportsIt()
    {
        var result = Parse($$"""{"StudioId": "es-ABC", {{ValidBody}}}""");

        Assert.Equal("StudioId: must be given only once", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_RequiredPropertiesMissing_ReportsEachSorted()
    {
        var result = Parse("""{"ServiceToken": "x"}""");

        Assert.Equal(
            [
                "IdentityId|IdentityName: exactly one of IdentityId and IdentityName is required (got neither)",
                "IdentityType: is required",
                "SessionPolicyArn: is required",
                "StudioId|StudioName: exactly one of StudioId and StudioName is required (got neither)",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_BothIdentities_Reports()
    {
        var result = SessionMappingPropertiesParser.Parse(MappingEvents.Properties(identityId: MappingWorld.GroupId));

        Assert.Equal(
            "IdentityId|IdentityName: exactly one of IdentityId and IdentityName is required (got both)",
            Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("42", "a number")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    [InlineData("[\"es-ABC\"]", "an array")]
    [InlineData("{\"Ref\": \"Studio\"}", "an object")]
    public void Parse_ValueNotAString_NamesPropertyAndType(string value, string kind)
    {
        var result = Parse($$"""{"StudioId": {{value}}, "IdentityType": "GROUP", "IdentityName": "x", "SessionPolicyArn": "{{MappingWorld.Policy}}"}""");

        Assert.Equal($"StudioId: must be a JSON string (got {kind})", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_IdentityNameNull_ReportsTypeNotMissing()
    {
        var result = Parse($$"""{"StudioId": "es-ABC", "IdentityType": "GROUP", "IdentityName": null, "SessionPolicyArn": "{{MappingWorld.Policy}}"}""");

        Assert.Equal("IdentityName: must be a JSON string (got null)", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("StudioId")]
    [InlineData("IdentityType")]
    [InlineData("IdentityName")]
    [InlineData("SessionPolicyArn")]
    public void Parse_EmptyString_Reports(string property)
    {
        var result = Parse(WithValue(property, string.Empty));

        Assert.Equal($"{property}: must not be empty", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_257Characters_Reports()
    {
        var result = Parse(WithValue("IdentityName", new string('n', 257)));

        Assert.Equal("IdentityName: must be at most 256 characters (got 257)", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_256Characters_IsAccepted()
    {
        Assert.True(Parse(WithValue("IdentityName", new string('n', 256))).IsValid);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("carriage\rreturn")]
    [InlineData("nul\0")]
    [InlineData("del\u007F")]
    [InlineData("next\u0085line")]
    [InlineData("\u001B[31mred")]
    [InlineData("nonchar\uFFFE")]
    [InlineData("nonchar\uFFFF")]
    public void Parse_ForbiddenCharacter_ReportsWithoutEchoingIt(string name)
    {
        var result = Parse(WithValue("IdentityName", name));

        var error = Assert.Single(result.Errors);
        Assert.Equal("IdentityName", error.Property);
        Assert.StartsWith("must not contain control characters (tab, CR and LF included) or U+FFFE/U+FFFF (got '", error.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Rule, c => char.IsControl(c) || c is '\uFFFE' or '\uFFFF');
    }

    [Theory]
    [InlineData("StudioId", "es-ABC\t")]
    [InlineData("IdentityType", "GROUP\r\n")]
    [InlineData("IdentityId", "1a2b3c4d-1111-2222-3333-444455556666\n")]
    [InlineData("SessionPolicyArn", "arn:aws:iam::123456789012:policy/p\uFFFF")]
    public void Parse_ForbiddenCharacterInAnyProperty_NamesTheTextRule(string property, string value)
    {
        var result = property == "IdentityId"
            ? SessionMappingPropertiesParser.Parse(MappingEvents.ById(value))
            : Parse(WithValue(property, value));

        var error = Assert.Single(result.Errors);

        Assert.Equal(property, error.Property);
        Assert.StartsWith("must not contain control characters", error.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ärzte-und-Ärztinnen")]
    [InlineData("データサイエンティスト")]
    [InlineData("👩‍🔬 research")]
    [InlineData("名前 with spaces & symbols/100%")]
    [InlineData("علماء البيانات")]
    public void Parse_NonAsciiIdentityName_IsAccepted(string name)
    {
        var result = Parse(WithValue("IdentityName", name));

        Assert.True(result.IsValid, result.Describe());
        Assert.Equal(name, result.Properties.IdentityName);
    }

    [Fact]
    public void Parse_256NonAsciiCharacters_IsAccepted()
    {
        Assert.True(Parse(WithValue("IdentityName", string.Concat(Enumerable.Repeat("データ", 85)) + "デ")).IsValid);
    }

    [Fact]
    public void Parse_LoneSurrogate_Reports()
    {
        var result = Parse($$"""{"StudioId": "es-ABC", "IdentityType": "GROUP", "IdentityName": "bad\ud800", "SessionPolicyArn": "{{MappingWorld.Policy}}"}""");

        Assert.Equal("IdentityName: must be valid Unicode text", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("es-ABC")]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO")]
    [InlineData("es-1")]
    public void Parse_StudioIdWellFormed_IsAccepted(string studioId)
    {
        Assert.True(Parse(WithValue("StudioId", studioId)).IsValid);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("es-abc")]
    [InlineData("ES-ABC")]
    [InlineData("es-")]
    [InlineData("es-ABC ")]
    [InlineData(" es-ABC")]
    [InlineData("es_ABC")]
    [InlineData("es-ＡＢＣ")]
    [InlineData("es-١٢٣")]
    [InlineData("es-ABC/GROUP")]
    public void Parse_StudioIdMalformed_ReportsRule(string studioId)
    {
        var result = Parse(WithValue("StudioId", studioId));

        Assert.Equal($"StudioId: must match ^es-[0-9A-Z]+$ (got '{studioId}')", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_StudioIdWithTrailingNewline_IsRefused()
    {
        Assert.False(Parse(WithValue("StudioId", "es-ABC\n")).IsValid);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("Group")]
    [InlineData("ROLE")]
    [InlineData("USER ")]
    [InlineData("USERS")]
    public void Parse_IdentityTypeNotUserOrGroup_ReportsRule(string identityType)
    {
        var result = Parse(WithValue("IdentityType", identityType));

        Assert.Equal($"IdentityType: must be USER or GROUP (got '{identityType}')", Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("1a2b3c4d-1111-2222-3333-444455556666")]
    [InlineData("1A2B3C4D-1111-2222-3333-44445555666F")]
    [InlineData("9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666")]
    public void Parse_IdentityIdInIdentityStoreForm_IsAccepted(string identityId)
    {
        var result = SessionMappingPropertiesParser.Parse(MappingEvents.ById(identityId));

        Assert.True(result.IsValid, result.Describe());
    }

    [Theory]
    [InlineData("data-scientists")]
    [InlineData("1a2b3c4d111122223333444455556666")]
    [InlineData("{1a2b3c4d-1111-2222-3333-444455556666}")]
    [InlineData("9A67E5E2D3-1a2b3c4d-1111-2222-3333-444455556666")]
    [InlineData("9a67e5e2d-1a2b3c4d-1111-2222-3333-444455556666")]
    [InlineData("1a2b3c4d-1111-2222-3333-44445555666g")]
    [InlineData("1a2b3c4d-1111-2222-3333-444455556666 ")]
    public void Parse_IdentityIdMalformed_ReportsRule(string identityId)
    {
        var result = SessionMappingPropertiesParser.Parse(MappingEvents.ById(identityId));

        var error = Assert.Single(result.Errors);
        Assert.Equal("IdentityId", error.Property);
        Assert.StartsWith("must be an Identity Store id", error.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:policy/EmrStudioDataScientist")]
    [InlineData("arn:aws-cn:iam::123456789012:policy/p")]
    [InlineData("arn:aws-us-gov:iam::123456789012:policy/p")]
    [InlineData("arn:aws-iso:iam::123456789012:policy/p")]
    [InlineData("arn:aws-iso-b:iam::123456789012:policy/p")]
    [InlineData("arn:aws:iam::123456789012:policy/team/emr/Policy_+=,.@-1")]
    public void Parse_SessionPolicyArnWellFormed_IsAccepted(string arn)
    {
        var result = Parse(WithValue("SessionPolicyArn", arn));

        Assert.True(result.IsValid, result.Describe());
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/EmrStudio")]
    [InlineData("arn:aws:iam::12345678901:policy/p")]
    [InlineData("arn:aws:iam::123456789012:policy/")]
    [InlineData("arn:aws:iam::123456789012:policy/team/")]
    [InlineData("arn:AWS:iam::123456789012:policy/p")]
    [InlineData("arn:aws-:iam::123456789012:policy/p")]
    [InlineData("arn:aws:iam:eu-west-1:123456789012:policy/p")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:iam::123456789012:policy/a b")]
    [InlineData("arn:aws:iam::１２３456789012:policy/p")]
    [InlineData("EmrStudioDataScientist")]
    public void Parse_SessionPolicyArnMalformed_ReportsRule(string arn)
    {
        var result = Parse(WithValue("SessionPolicyArn", arn));

        var error = Assert.Single(result.Errors);
        Assert.Equal("SessionPolicyArn", error.Property);
        Assert.StartsWith("must be an IAM policy ARN arn:<partition>:iam::<12-digit account>:policy/", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyErrors_ReportsAllSortedByProperty()
    {
        var result = Parse("""
            {"Zeta": 1, "StudioId": "abc", "IdentityType": "ROLE", "IdentityId": "x", "IdentityName": "y",
             "SessionPolicyArn": 7, "Alpha": "a"}
            """);

        Assert.Equal(
            ["Alpha", "IdentityId", "IdentityId|IdentityName", "IdentityType", "SessionPolicyArn", "StudioId", "Zeta"],
            result.Errors.Select(e => e.Property));
        Assert.Contains("StudioId: must match ^es-[0-9A-Z]+$ (got 'abc')", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongMalformedValue_EchoesItShort()
    {
        var result = Parse(WithValue("StudioId", "es-" + new string('a', 253)));

        var error = Assert.Single(result.Errors);
        Assert.EndsWith("...')", error.Rule, StringComparison.Ordinal);
        Assert.True(error.Rule.Length < 120, error.Rule);
    }

    private const string ValidBody =
        $$"""
        "StudioId": "{{MappingWorld.Studio}}", "IdentityType": "GROUP", "IdentityName": "{{MappingWorld.GroupName}}", "SessionPolicyArn": "{{MappingWorld.Policy}}"
        """;

    private static PropertiesParseResult Parse(string json) => SessionMappingPropertiesParser.Parse(MappingEvents.Json(json));

    /// <summary>A valid bag (by name) with one property replaced.</summary>
    private static string WithValue(string property, string value)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StudioId"] = MappingWorld.Studio,
            ["IdentityType"] = "GROUP",
            ["IdentityName"] = MappingWorld.GroupName,
            ["SessionPolicyArn"] = MappingWorld.Policy,
        };
        values[property] = value;
        return "{" + string.Join(", ", values.Select(p => $"\"{p.Key}\": {JsonSerializer.Serialize(p.Value, MappingTestJson.Default.String)}")) + "}";
    }
}
