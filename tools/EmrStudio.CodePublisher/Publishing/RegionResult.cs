using EmrStudio.CodePublisher.Buckets;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>How far one region got: filled in step by step, so that a failure still shows what was done before it.</summary>
internal sealed class RegionResult(string region, string bucket)
{
    public string Region { get; } = region;

    public string Bucket { get; } = bucket;

    public BucketState? BucketState { get; set; }

    public List<SettingResult> Settings { get; } = [];

    public CodeResult? Code { get; set; }

    public RegionFailure? Failure { get; set; }

    public bool Succeeded => Failure is null;
}
