using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Publishing;
using EmrStudio.CodePublisher.Reporting;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Reporting;

public sealed class SummaryTableTests
{
    [Fact]
    public void Render_CreatedFoundAndFailedRegions_OneAlignedRowEachInTheGivenOrder()
    {
        var created = new RegionResult("us-east-1", "org-us-east-1") { BucketState = BucketState.Created, Code = new CodeResult(CodeAction.Uploaded, 4_194_304, "v1", null) };
        created.Settings.AddRange([Changed("a"), Changed("b"), Same("c")]);
        var found = new RegionResult("ap-southeast-2", "org-ap-southeast-2") { BucketState = BucketState.Found, Code = new CodeResult(CodeAction.AlreadyThere, 0, null, null) };
        found.Settings.AddRange([Same("a"), Changed("b"), Same("c")]);
        var failed = new RegionResult("eu-west-1", "org-eu-west-1") { Failure = new RegionFailure("bucket", "ListBuckets (s3:ListAllMyBuckets) failed: AccessDenied") };

        var table = SummaryTable.Render([created, found, failed]);

        Assert.Equal(
            """
            REGION          BUCKET              STATE    SETTINGS                CODE                      RESULT
            us-east-1       org-us-east-1       created  2 applied, 1 verified   uploaded 4,194,304 bytes  ok
            ap-southeast-2  org-ap-southeast-2  found    1 repaired, 2 verified  already there             ok
            eu-west-1       org-eu-west-1       -        -                       -                         FAILED at bucket

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            table);
    }

    private static SettingResult Changed(string name) => new(name, Changed: true, "none", "on");

    private static SettingResult Same(string name) => new(name, Changed: false, "on", "on");
}
