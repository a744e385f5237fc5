using System.Text.RegularExpressions;

namespace EmrStudio.CodePublisher.Inputs;

/// <summary>
/// The code bucket of a region is <c>&lt;prefix&gt;-&lt;region&gt;</c>, the name template.stackset.yaml computes with
/// <c>!Sub "${CodeBucketPrefix}-${AWS::Region}"</c>. The name must follow S3's rules for general purpose buckets; dots,
/// which S3 allows, are refused because a dotted name does not match S3's wildcard TLS certificate for virtual-hosted
/// addresses.
/// </summary>
internal static partial class CodeBucketName
{
    public const int MaxLength = 63;

    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];

    public static string For(string prefix, string region) => $"{prefix}-{region}";

    /// <summary>Why <paramref name="prefix"/> cannot name the buckets of <paramref name="regions"/>, or null when it can.</summary>
    public static string? ProblemWith(string prefix, IEnumerable<string> regions)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(regions);
        if (prefix.Length == 0)
        {
            return "is empty";
        }

        if (prefix.Contains('.', StringComparison.Ordinal))
        {
            return $"'{prefix}' contains a dot: S3 allows dots in bucket names, but a dotted name breaks HTTPS to virtual-hosted addresses; use hyphens";
        }

        if (!Characters().IsMatch(prefix))
        {
            return $"'{prefix}' must start with a lowercase letter or digit and contain only lowercase letters, digits and hyphens (S3 bucket naming rules)";
        }

        if (ReservedPrefixes.FirstOrDefault(reserved => prefix.StartsWith(reserved, StringComparison.Ordinal)) is { } taken)
        {
            return $"'{prefix}' starts with '{taken}', which S3 reserves";
        }

        var longest = regions.OrderByDescending(region => region.Length).FirstOrDefault();
        if (longest is not null && For(prefix, longest).Length > MaxLength)
        {
            return $"'{prefix}' is too long: '{For(prefix, longest)}' has {For(prefix, longest).Length} characters, and S3 bucket names have at most {MaxLength} (the prefix may have at most {MaxLength - 1 - longest.Length} with region {longest})";
        }

        return null;
    }

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Characters();
}
