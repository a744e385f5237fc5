using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// The stack that a <see cref="StudioSessionMappingStackSet"/> deploys into each account and region: synthesized in an
/// app of its own, with no CDK assets and no bootstrap resources (a StackSet instance has neither), and a handler whose
/// code is the published zip in the code bucket of the instance's own region.
/// </summary>
internal sealed class StackSetMemberStack : Stack
{
    public StackSetMemberStack(Construct scope, string id, string codeBucketPrefix, string codeKey)
        : base(scope, id, new StackProps
        {
            // No bootstrap version parameter or rule, no asset parameters: the template stands alone.
            Synthesizer = new BootstraplessSynthesizer(new BootstraplessSynthesizerProps()),
            AnalyticsReporting = false,
        })
    {
        // Lambda reads code only from a bucket in the function's own region: one bucket per region, one name pattern.
        var bucket = Bucket.FromBucketName(this, "CodeBucket", Fn.Join(string.Empty, [codeBucketPrefix, "-", Aws.REGION]));
        HandlerCode = Code.FromBucket(bucket, codeKey);
    }

    /// <summary>The handler's code: <c>&lt;prefix&gt;-&lt;region&gt;</c>, content-addressed key.</summary>
    public Code HandlerCode { get; }
}
