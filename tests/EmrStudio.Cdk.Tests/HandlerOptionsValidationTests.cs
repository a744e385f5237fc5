using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>Options Lambda, IAM or CloudWatch Logs would refuse at deploy time fail the synth, naming the path and the option.</summary>
public sealed class HandlerOptionsValidationTests
{
    public static TheoryData<string, StudioSessionMappingHandlerOptions> Invalid => new()
    {
        { "HandlerOptions.MemorySize", new StudioSessionMappingHandlerOptions { MemorySize = 127 } },
        { "HandlerOptions.MemorySize", new StudioSessionMappingHandlerOptions { MemorySize = 10241 } },
        { "HandlerOptions.LogRemovalPolicy", new StudioSessionMappingHandlerOptions { LogRemovalPolicy = RemovalPolicy.SNAPSHOT } },
        { "HandlerOptions.RolePath", new StudioSessionMappingHandlerOptions { RolePath = "emr-studio/" } },
        { "HandlerOptions.RolePath", new StudioSessionMappingHandlerOptions { RolePath = "/emr-studio" } },
        { "HandlerOptions.RolePath", new StudioSessionMappingHandlerOptions { RolePath = "/emr studio/" } },
        { "HandlerOptions.RolePath", new StudioSessionMappingHandlerOptions { RolePath = "/" + new string('a', 511) + "/" } },
        { "HandlerOptions.TrustedStackAccounts", new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["12345678901"] } },
        { "HandlerOptions.TrustedStackAccounts", new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["1234567890123"] } },
        { "HandlerOptions.TrustedStackAccounts", new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["12345678901a"] } },
        { "HandlerOptions.TrustedStackAccounts", new StudioSessionMappingHandlerOptions { TrustedStackAccounts = ["111122223333,444455556666"] } },
        { "HandlerOptions.Studios", new StudioSessionMappingHandlerOptions { Studios = ["es-lowercase"] } },
        { "HandlerOptions.Studios", new StudioSessionMappingHandlerOptions { Studios = ["*"] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void HandlerOptions_Invalid_FailNamingPathAndOption(string option, StudioSessionMappingHandlerOptions options)
    {
        var stack = TestStacks.NewStack();

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => TestStacks.Map(stack, "A", handlerOptions: options));

        Assert.Equal(option, error.ParamName);
        Assert.StartsWith($"Test/A: {option} ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HandlerOptions_SubnetsAndSecurityGroupsApart_FailNamingBoth(bool subnetsOnly)
    {
        var stack = TestStacks.NewStack();
        var options = subnetsOnly
            ? new StudioSessionMappingHandlerOptions { VpcSubnets = [Subnet.FromSubnetId(stack, "S", "subnet-1")] }
            : new StudioSessionMappingHandlerOptions { SecurityGroups = [SecurityGroup.FromSecurityGroupId(stack, "Sg", "sg-1")] };

        var error = Assert.Throws<StudioSessionMappingValidationException>(() => TestStacks.Map(stack, "A", handlerOptions: options));

        Assert.StartsWith("Test/A: HandlerOptions.SecurityGroups and HandlerOptions.VpcSubnets ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/emr-studio/")]
    [InlineData("/a/b/c/")]
    public void HandlerOptions_ValidRolePath_IsAccepted(string rolePath)
    {
        var stack = TestStacks.NewStack();

        var mapping = TestStacks.Map(stack, "A", handlerOptions: new StudioSessionMappingHandlerOptions { RolePath = rolePath });

        Assert.NotNull(mapping.CustomResource);
    }
}
