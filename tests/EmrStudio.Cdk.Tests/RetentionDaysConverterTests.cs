using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using EmrStudio.Cdk.Internal;
using Xunit;

namespace EmrStudio.Cdk.Tests;

public sealed class RetentionDaysConverterTests
{
    public static TheoryData<RetentionDays> AllRetentions => [.. Enum.GetValues<RetentionDays>()];

    [Theory]
    [MemberData(nameof(AllRetentions))]
    public void ToDays_EveryRetention_IsWhatTheLogGroupConstructWrites(RetentionDays retention)
    {
        var stack = new Stack(new App(), "Retention");
        var logGroup = new LogGroup(stack, "LogGroup", new LogGroupProps { Retention = retention });
        var written = ((CfnLogGroup)logGroup.Node.DefaultChild!).RetentionInDays;

        Assert.Equal(written is null ? null : (int?)written, RetentionDaysConverter.ToDays(retention));
    }
}
