using System.Globalization;
using EmrStudio.CodePublisher.Inputs;
using EmrStudio.SessionMappingHandler.Aws;

namespace EmrStudio.CodePublisher.Cli;

/// <summary>Reads and checks the command line; every problem is reported at once, each naming its option.</summary>
internal static class CommandLine
{
    public const string DefaultZip = "artifacts/emrstudio-session-mapping-handler.zip";

    public const string Usage = """
        Publishes the handler's release zip to a code bucket in every region, for CloudFormation StackSets.

        Usage:
          dotnet run --project tools/EmrStudio.CodePublisher -- \
            --bucket-prefix PREFIX --regions REGION[,REGION...] --organization-id o-... [options]

        Required:
          --bucket-prefix PREFIX    Buckets are named PREFIX-<region> (template.stackset.yaml's CodeBucketPrefix).
          --regions LIST            Comma-separated regions, for example us-east-1,eu-west-1 (may be repeated).
          --organization-id ID      The AWS Organizations id whose accounts may read the code (o-...).

        Options:
          --zip PATH                The release zip (default: artifacts/emrstudio-session-mapping-handler.zip,
                                    written by build/package-handler.sh).
          --profile NAME            A named profile from the shared AWS config; default: the SDK's default chain
                                    (environment variables, AWS_PROFILE, SSO, container and instance roles).
          --endpoint-url URL        An S3-compatible endpoint instead of AWS (an emulator); path-style addresses.
          --max-attempts N          Attempts per S3 call, retries included (default: the SDK's).
          -h, --help                Show this text.

        Exit codes: 0 every region published; 1 a region failed (see the summary); 2 invalid input or credentials.
        """;

    /// <summary>The checked options, or null when help was asked for.</summary>
    public static PublishOptions? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (argument is "-h" or "--help")
            {
                return null;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? argument[..equals] : argument;
            if (!Known.Contains(name))
            {
                problems.Add($"{argument}: unknown option.");
                continue;
            }

            string value;
            if (equals > 0)
            {
                value = argument[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                problems.Add($"{name}: needs a value.");
                continue;
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        foreach (var (name, list) in values)
        {
            if (name != "--regions" && list.Count > 1)
            {
                problems.Add($"{name}: given {list.Count} times; give it once.");
            }
        }

        var regions = Regions(values, problems);
        var prefix = Single(values, "--bucket-prefix");
        if (prefix is null)
        {
            problems.Add("--bucket-prefix: required (buckets are named <prefix>-<region>).");
        }
        else if (CodeBucketName.ProblemWith(prefix, regions) is { } problem)
        {
            problems.Add($"--bucket-prefix: {problem}.");
        }

        var organizationId = Single(values, "--organization-id");
        if (organizationId is null)
        {
            problems.Add("--organization-id: required (the organization whose accounts may read the code, o-...).");
        }
        else if (!OrganizationId.IsValid(organizationId))
        {
            problems.Add($"--organization-id: '{organizationId}' is not an AWS Organizations id ({OrganizationId.Rule}); `aws organizations describe-organization` shows it.");
        }

        var endpoint = EndpointUrl(Single(values, "--endpoint-url"), problems);
        var maxAttempts = MaxAttempts(Single(values, "--max-attempts"), problems);
        var profile = Single(values, "--profile");
        if (profile is { Length: 0 })
        {
            problems.Add("--profile: empty.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(string.Join('\n', problems));
        }

        return new PublishOptions(Single(values, "--zip") ?? DefaultZip, prefix!, regions, organizationId!, profile, endpoint, maxAttempts);
    }

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "--zip", "--bucket-prefix", "--regions", "--organization-id", "--profile", "--endpoint-url", "--max-attempts",
    };

    private static string? Single(Dictionary<string, List<string>> values, string name) =>
        values.TryGetValue(name, out var list) ? list[0] : null;

    private static List<string> Regions(Dictionary<string, List<string>> values, List<string> problems)
    {
        if (!values.TryGetValue("--regions", out var lists))
        {
            problems.Add("--regions: required (comma-separated, for example us-east-1,eu-west-1).");
            return [];
        }

        var regions = lists.SelectMany(list => list.Split(',', StringSplitOptions.TrimEntries)).ToList();
        var valid = new List<string>();
        foreach (var region in regions)
        {
            if (!RegionName.IsValid(region))
            {
                problems.Add($"--regions: '{region}' is not a region name ({RegionName.Rule}).");
            }
            else if (valid.Contains(region))
            {
                problems.Add($"--regions: {region} is listed twice.");
            }
            else
            {
                valid.Add(region);
            }
        }

        var partitions = valid.Select(region => AwsPartition.ForRegion(region).Name).Distinct().ToList();
        if (partitions.Count > 1)
        {
            problems.Add($"--regions: the regions belong to different partitions ({string.Join(", ", partitions)}), which need their own credentials and organizations; publish to each partition in its own run.");
        }

        return valid;
    }

    private static Uri? EndpointUrl(string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && uri.AbsolutePath == "/")
        {
            return uri;
        }

        problems.Add($"--endpoint-url: '{value}' is not an http(s) URL of an endpoint's root, like http://127.0.0.1:4568.");
        return null;
    }

    private static int? MaxAttempts(string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) && attempts is >= 1 and <= 20)
        {
            return attempts;
        }

        problems.Add($"--max-attempts: '{value}' is not a whole number from 1 to 20.");
        return null;
    }
}
