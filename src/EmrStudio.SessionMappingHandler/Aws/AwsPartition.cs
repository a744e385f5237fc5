namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// An AWS partition: its name as ARNs spell it, the DNS suffix of its public endpoints, and the prefix its region
/// names start with. The table follows the SDKs' partition data; a region that matches no prefix is in <c>aws</c>.
/// </summary>
internal sealed record AwsPartition(string Name, string DnsSuffix, string? RegionPrefix)
{
    public static AwsPartition Aws { get; } = new("aws", "amazonaws.com", null);

    /// <summary>Every partition, the standard one last so that prefixes are tried first.</summary>
    public static IReadOnlyList<AwsPartition> All { get; } =
    [
        new("aws-cn", "amazonaws.com.cn", "cn-"),
        new("aws-us-gov", "amazonaws.com", "us-gov-"),
        new("aws-iso", "c2s.ic.gov", "us-iso-"),
        new("aws-iso-b", "sc2s.sgov.gov", "us-isob-"),
        new("aws-iso-e", "cloud.adc-e.uk", "eu-isoe-"),
        new("aws-iso-f", "csp.hci.ic.gov", "us-isof-"),
        new("aws-eusc", "amazonaws.eu", "eusc-"),
        Aws,
    ];

    /// <summary>The partition a region belongs to.</summary>
    public static AwsPartition ForRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        foreach (var partition in All)
        {
            if (partition.RegionPrefix is { } prefix && region.StartsWith(prefix, StringComparison.Ordinal))
            {
                return partition;
            }
        }

        return Aws;
    }

    /// <summary>The partition an ARN names (<c>arn:&lt;partition&gt;:...</c>), or null for a name AWS does not use.</summary>
    public static AwsPartition? ByName(string name)
    {
        foreach (var partition in All)
        {
            if (string.Equals(partition.Name, name, StringComparison.Ordinal))
            {
                return partition;
            }
        }

        return null;
    }
}
