using Amazon.CDK;
using Xunit;

namespace EmrStudio.Cdk.Tests;

public sealed class StudioSessionMappingValidationTests
{
    public static TheoryData<string, string?, string?, string?, string?> Invalid => new()
    {
        // property named in the error, studio id, policy ARN, identity name, identity id
        { "StudioId", "es-lowercase", null, null, null },
        { "StudioId", "studio-ABC", null, null, null },
        { "StudioId", "", null, null, null },
        { "StudioId", "es-" + new string('A', 254), null, null, null },
        // Accepted by a '$'-anchored pattern, refused by the handler: synth must refuse them too.
        { "StudioId", "es-ABC\n", null, null, null },
        { "SessionPolicyArn", null, "arn:aws:iam::123456789012:policy/Name\n", null, null },
        { "SessionPolicyArn", null, "arn:partition:iam::123456789012:policy/Name", null, null },
        { "SessionPolicyArn", null, "arn:aws:iam::123456789012:policy/Bad Name", null, null },
        { "IdentityId", null, null, null, "0123abcd-4567-89ab-cdef-0123456789ab\n" },
        { "SessionPolicyArn", null, "arn:aws:iam::123456789012:role/NotAPolicy", null, null },
        { "SessionPolicyArn", null, "arn:aws:iam::12345:policy/ShortAccount", null, null },
        { "SessionPolicyArn", null, "arn:aws:iam::aws:policy/AdministratorAccess", null, null },
        { "SessionPolicyArn", null, "EmrStudioDataScientist", null, null },
        { "IdentityName", null, null, "", null },
        { "IdentityName", null, null, new string('a', 257), null },
        { "IdentityName", null, null, "data\nscientists", null },
        { "IdentityName", null, null, "tab\tname", null },
        { "IdentityName", null, null, "not\uFFFExml", null },
        { "IdentityId", null, null, null, "not-a-guid" },
        { "IdentityId", null, null, null, "0123ABCDEF-0123abcd-4567-89ab-cdef-0123456789ab" },
        { "IdentityId", null, null, null, "0123abcd-4567-89ab-cdef-0123456789a" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_InvalidLiteral_ThrowsNamingTheProperty(string property, string? studioId, string? policyArn, string? name, string? id)
    {
        var stack = TestStacks.NewStack();

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => new StudioSessionMapping(stack, "A", new StudioSessionMappingProps
        {
            StudioId = studioId ?? TestStacks.StudioA,
            Identity = id is not null ? StudioIdentity.UserId(id) : StudioIdentity.Group(name ?? "data-scientists"),
            SessionPolicy = policyArn ?? TestStacks.PolicyArn,
        }));

        Assert.Equal(property, error.ParamName);
        Assert.StartsWith($"Test/A: {property} ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-abc", "Test/A: StudioId must match ^es-[0-9A-Z]+$ (got 'es-abc').")]
    [InlineData("es-ABC\t", "Test/A: StudioId must not contain control characters (tab, CR and LF included) or U+FFFE/U+FFFF (got 'es-ABC\\u0009').")]
    [InlineData("", "Test/A: StudioId must not be empty.")]
    public void Constructor_InvalidStudioId_MessageIsOneLineOfPathPropertyAndTheHandlersRule(string studioId, string message)
    {
        var stack = TestStacks.NewStack();

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => TestStacks.Map(stack, "A", studioId));

        Assert.Equal(message, error.Message);
        Assert.Equal("Test/A", error.ConstructPath);
        Assert.Equal("StudioId", error.ParamName);
    }

    [Fact]
    public void Constructor_UnpairedSurrogateInName_ThrowsNamingIdentityName()
    {
        // Not theory data: test-case serialization would replace the lone surrogate before the test saw it.
        var stack = TestStacks.NewStack();
        var name = "unpaired" + '\uD800' + "surrogate";

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => TestStacks.Map(stack, "A", identity: StudioIdentity.User(name)));

        Assert.Equal("IdentityName", error.ParamName);
        Assert.StartsWith("Test/A: IdentityName ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO", "arn:aws-us-gov:iam::123456789012:policy/path/to/Policy", "0123abcd-4567-89AB-cdef-0123456789ab")]
    [InlineData("es-A", "arn:aws-cn:iam::123456789012:policy/P", "0123456789-0123abcd-4567-89ab-cdef-0123456789ab")]
    public void Constructor_ValidLiterals_Succeeds(string studioId, string policyArn, string identityId)
    {
        var stack = TestStacks.NewStack();

        var mapping = new StudioSessionMapping(stack, "A", new StudioSessionMappingProps
        {
            StudioId = studioId,
            Identity = StudioIdentity.GroupId(identityId),
            SessionPolicy = policyArn,
        });

        Assert.NotNull(mapping.CustomResource);
    }

    [Fact]
    public void Constructor_Tokens_PassThroughUnvalidated()
    {
        var stack = TestStacks.NewStack();
        var studio = new CfnParameter(stack, "Studio");
        var name = new CfnParameter(stack, "Name");
        var id = new CfnParameter(stack, "Id");

        _ = new StudioSessionMapping(stack, "ByName", new StudioSessionMappingProps
        {
            StudioId = studio.ValueAsString,
            Identity = StudioIdentity.User(name.ValueAsString),
            SessionPolicy = Fn.ImportValue("SessionPolicyArn"),
        });
        _ = new StudioSessionMapping(stack, "ById", new StudioSessionMappingProps
        {
            StudioId = studio.ValueAsString,
            Identity = StudioIdentity.UserId(id.ValueAsString),
            SessionPolicy = Fn.ImportValue("SessionPolicyArn"),
        });

        Amazon.CDK.Assertions.Template.FromStack(stack).ResourceCountIs("Custom::EmrStudioSessionMapping", 2);
    }

    [Theory]
    [InlineData("StudioId")]
    [InlineData("Identity")]
    [InlineData("SessionPolicy")]
    public void Constructor_RequiredMemberNull_ThrowsNamingPathAndProperty(string property)
    {
        var stack = TestStacks.NewStack();

        var error = Assert.Throws<ArgumentNullException>(() => new StudioSessionMapping(stack, "A", new StudioSessionMappingProps
        {
            StudioId = property == "StudioId" ? null! : StudioReference.FromId(TestStacks.StudioA),
            Identity = property == "Identity" ? null! : StudioIdentity.Group("data-scientists"),
            SessionPolicy = property == "SessionPolicy" ? null! : SessionPolicyReference.FromArn(TestStacks.PolicyArn),
        }));

        Assert.Equal(property, error.ParamName);
        Assert.StartsWith($"Test/A: {property} is required.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullReference_ThrowsArgumentNull()
    {
        var stack = TestStacks.NewStack();

        Assert.Throws<ArgumentNullException>(() => new StudioSessionMapping(stack, "A", null!));
        Assert.ThrowsAny<ArgumentException>(() => new StudioSessionMapping(stack, "B", new StudioSessionMappingProps
        {
            StudioId = (string)null!,
            Identity = StudioIdentity.Group("g"),
            SessionPolicy = TestStacks.PolicyArn,
        }));
    }
}
