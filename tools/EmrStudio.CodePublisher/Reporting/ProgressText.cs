using System.Globalization;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Publishing;

namespace EmrStudio.CodePublisher.Reporting;

/// <summary>The progress line of each step.</summary>
internal static class ProgressText
{
    public static string Bucket(RegionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.BucketState == BucketState.Created
            ? $"bucket {result.Bucket}: created in {result.Region}"
            : $"bucket {result.Bucket}: found (this account's, in {result.Region})";
    }

    public static string Setting(SettingResult setting, BucketState bucket)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return $"{setting.Setting}: {SettingVerb(setting, bucket)} ({(setting.Changed && bucket == BucketState.Found ? $"was: {setting.Before}; now: {setting.Now}" : setting.Now)})";
    }

    /// <summary><c>verified</c> when it was right, <c>applied</c> on a bucket this run created, <c>repaired</c> on one it found.</summary>
    public static string SettingVerb(SettingResult setting, BucketState bucket)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return !setting.Changed ? "verified" : bucket == BucketState.Created ? "applied" : "repaired";
    }

    public static string Code(CodeResult code, string bucket, string key)
    {
        ArgumentNullException.ThrowIfNull(code);
        var location = $"s3://{bucket}/{key}";
        var version = code.VersionId is { Length: > 0 } id && id != "null" ? $", version {id}" : string.Empty;
        return code.Action switch
        {
            CodeAction.AlreadyThere => $"code: already there ({location}, same SHA-256{version}); nothing uploaded",
            CodeAction.Replaced => $"code: uploaded {Bytes(code.UploadedBytes)} to {location}{version}, replacing what was there ({code.ReplacedBecause})",
            _ => $"code: uploaded {Bytes(code.UploadedBytes)} to {location}{version}",
        };
    }

    public static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");
}
