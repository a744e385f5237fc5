using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.S3.Assets;
using Constructs;
using EmrStudio.Cdk.Internal;
using CfnStackSet = Amazon.CDK.AWS.CloudFormation.CfnStackSet;
using CfnStackSetProps = Amazon.CDK.AWS.CloudFormation.CfnStackSetProps;

namespace EmrStudio.Cdk;

/// <summary>
/// Deploys a set of session mappings, with their handler, to every account of organizational units in the given
/// regions: a service-managed <c>AWS::CloudFormation::StackSet</c> whose stack instances each hold a handler (with its
/// record table and reconcile schedule) and the mappings. The instances' template is synthesized from the same
/// constructs as a stack's <see cref="StudioSessionMapping"/>s; it has no CDK assets and needs no CDK bootstrap in the
/// member accounts: each instance takes the handler's code from the code bucket of its own region.
/// </summary>
/// <example>
/// <code>
/// new StudioSessionMappingStackSet(this, "Analytics", new StudioSessionMappingStackSetProps
/// {
///     StackSetName = "emrstudio-analytics-mappings",
///     OrganizationalUnitIds = ["ou-ab12-34cd56ef"],
///     Regions = ["eu-west-1", "us-east-1"],
///     CodeBucketPrefix = "example-org-emrstudio-code",
///     Mappings = new Dictionary&lt;string, StudioSessionMappingProps&gt;
///     {
///         ["DataScientists"] = new()
///         {
///             StudioId = StudioReference.FromName("analytics"),
///             Identity = StudioIdentity.Group("data-scientists"),
///             SessionPolicy = SessionPolicyReference.FromName("EmrStudioDataScientist"),
///         },
///     },
/// });
/// </code>
/// </example>
public sealed partial class StudioSessionMappingStackSet : Construct
{
    /// <summary>The largest template CloudFormation takes inline (<c>TemplateBody</c>), in bytes; a larger one goes as an asset (<c>TemplateURL</c>).</summary>
    public const int TemplateBodyLimitBytes = 51_200;

    private const string DefaultDescription = "EMR Studio session mappings and their handler, in each account and region of the StackSet's targets.";
    private const int MaxCodeBucketPrefixLength = 48;
    private static readonly string[] KnownCapabilities = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"];

    /// <summary>Synthesizes the stack instances' template and defines the StackSet.</summary>
    /// <param name="scope">The parent construct, in a stack of the management account or a delegated administrator account.</param>
    /// <param name="id">The construct id.</param>
    /// <param name="props">The mappings, the targets, the regions and the code buckets.</param>
    /// <exception cref="StudioSessionMappingValidationException">A literal value breaks a rule; the message names the construct path and the property.</exception>
    /// <exception cref="ArgumentNullException">A required member of <paramref name="props"/> is null.</exception>
    public StudioSessionMappingStackSet(Construct scope, string id, StudioSessionMappingStackSetProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var path = Node.Path;
        StackSetName = CheckStackSetName(path, props.StackSetName ?? throw Validation.Missing(path, "StackSetName"));
        var organizationalUnits = NonEmpty(path, "OrganizationalUnitIds", props.OrganizationalUnitIds, v => AwsShapes.OrganizationalUnit(path, v, "OrganizationalUnitIds"));
        var regions = NonEmpty(path, "Regions", props.Regions, v => AwsShapes.Region(path, v));
        CheckCodeBucketPrefix(path, props.CodeBucketPrefix ?? throw Validation.Missing(path, "CodeBucketPrefix"));
        var accounts = (props.Accounts ?? []).Select(a => AwsShapes.Account(path, a, "Accounts")).Distinct(StringComparer.Ordinal).ToArray();
        if (accounts.Length > 0 != props.AccountFilter.HasValue)
        {
            throw Validation.Error(path, "AccountFilter", "and Accounts go together: give both to combine accounts with the organizational units, or neither.");
        }

        if ((props.Mappings is null || props.Mappings.Count == 0) && props.ServiceTokenExportName is null)
        {
            throw Validation.Error(path, "Mappings", "are empty and no ServiceTokenExportName is given: each stack instance would deploy a handler that nothing uses.");
        }

        CodeKey = props.CodeKey is { } key ? CheckCodeKey(path, key) : EmrStudio.CodePublisher.Code.CodeKey.ForBootstrapFile(Path.Combine(HandlerAsset.FindDirectory(), HandlerAsset.ExecutableName));
        MemberTemplate = StackSetMemberTemplate.Synthesize(path, props, CodeKey);

        var autoDeployment = props.AutoDeployment ?? new StackSetAutoDeployment();
        var autoDeploymentEnabled = autoDeployment.Enabled ?? true;
        StackSet = new CfnStackSet(this, "Resource", new CfnStackSetProps
        {
            StackSetName = StackSetName,
            Description = props.Description ?? DefaultDescription,
            PermissionModel = "SERVICE_MANAGED",
            CallAs = props.CallAs == StackSetCallAs.DelegatedAdmin ? "DELEGATED_ADMIN" : "SELF",
            AutoDeployment = new CfnStackSet.AutoDeploymentProperty
            {
                Enabled = autoDeploymentEnabled,
                RetainStacksOnAccountRemoval = autoDeploymentEnabled ? autoDeployment.RetainStacksOnAccountRemoval ?? false : null,
            },
            Capabilities = CheckCapabilities(path, props.Capabilities),
            // Typed as any by the CDK, which would pass a struct's member names through as they are in JavaScript
            // (active): the property names CloudFormation expects, given as they are.
            ManagedExecution = new Dictionary<string, object> { ["Active"] = props.ManagedExecution ?? true },
            OperationPreferences = OperationPreferences(path, props.OperationPreferences, regions),
            StackInstancesGroup = new[]
            {
                new CfnStackSet.StackInstancesProperty
                {
                    DeploymentTargets = new CfnStackSet.DeploymentTargetsProperty
                    {
                        OrganizationalUnitIds = organizationalUnits,
                        Accounts = accounts.Length > 0 ? accounts : null,
                        AccountFilterType = props.AccountFilter is { } filter ? filter.ToString().ToUpperInvariant() : null,
                    },
                    Regions = regions,
                },
            },
        });

        if (Encoding.UTF8.GetByteCount(MemberTemplate) <= TemplateBodyLimitBytes)
        {
            StackSet.TemplateBody = MemberTemplate;
        }
        else
        {
            // Too large to send inline: an asset of the deploying stack, which CloudFormation reads from its bucket.
            var asset = new Asset(this, "MemberTemplate", new AssetProps { Path = WriteTemplateFile(MemberTemplate) });
            StackSet.TemplateUrl = asset.HttpUrl;
        }
    }

    /// <summary>The <c>AWS::CloudFormation::StackSet</c> resource.</summary>
    public CfnStackSet StackSet { get; }

    /// <summary>The StackSet's name.</summary>
    public string StackSetName { get; }

    /// <summary>The handler zip's key in the code buckets, <c>emrstudio-session-mapping-handler/&lt;SHA-256 of bootstrap&gt;.zip</c>.</summary>
    public string CodeKey { get; }

    /// <summary>
    /// The template of each stack instance, as JSON: the mappings, their handler, its record table and reconcile
    /// schedule, with code from <c>&lt;CodeBucketPrefix&gt;-&lt;region&gt;</c>. The StackSet's <c>TemplateBody</c>, or its
    /// <c>TemplateURL</c>'s content when it exceeds <see cref="TemplateBodyLimitBytes"/>.
    /// </summary>
    public string MemberTemplate { get; }

    private static string[] NonEmpty(string path, string property, IReadOnlyList<string>? values, Func<string?, string> check)
    {
        var checkedValues = (values ?? throw Validation.Missing(path, property)).Select(check).Distinct(StringComparer.Ordinal).ToArray();
        return checkedValues.Length > 0 ? checkedValues : throw Validation.Error(path, property, "must not be empty.");
    }

    private static string CheckStackSetName(string path, string name) =>
        Token.IsUnresolved(name) || StackSetNamePattern().IsMatch(name)
            ? name
            : throw Validation.Error(path, "StackSetName", $"must start with a letter and hold letters, digits and hyphens, at most 128 characters (got '{Validation.Printable(name)}').");

    private static void CheckCodeBucketPrefix(string path, string prefix)
    {
        if (!Token.IsUnresolved(prefix) && (prefix.Length > MaxCodeBucketPrefixLength || !CodeBucketPrefixPattern().IsMatch(prefix)))
        {
            throw Validation.Error(path, "CodeBucketPrefix",
                $"must be lowercase letters, digits and hyphens, starting with a letter or digit, at most {MaxCodeBucketPrefixLength} characters: <prefix>-<region> names an S3 bucket, without dots (got '{Validation.Printable(prefix)}').");
        }
    }

    private static string CheckCodeKey(string path, string key) =>
        Token.IsUnresolved(key) || CodeKeyPattern().IsMatch(key)
            ? key
            : throw Validation.Error(path, "CodeKey", $"must be {EmrStudio.CodePublisher.Code.CodeKey.Folder}/<64 lowercase hex digits>.zip, as the code publisher prints it (got '{Validation.Printable(key)}').");

    private static string[] CheckCapabilities(string path, IReadOnlyList<string>? capabilities)
    {
        string[] given = [.. (capabilities ?? ["CAPABILITY_IAM"]).Distinct(StringComparer.Ordinal)];
        return given.FirstOrDefault(c => !KnownCapabilities.Contains(c, StringComparer.Ordinal)) is { } unknown
            ? throw Validation.Error(path, "Capabilities", $"must be among {string.Join(", ", KnownCapabilities)} (got '{Validation.Printable(unknown ?? "null")}').")
            : given;
    }

    private static CfnStackSet.OperationPreferencesProperty? OperationPreferences(string path, StackSetOperationPreferences? preferences, string[] regions)
    {
        if (preferences is null)
        {
            return null;
        }

        static void Exclusive(string path, string first, int? a, string second, int? b)
        {
            if (a.HasValue && b.HasValue)
            {
                throw Validation.Error(path, $"OperationPreferences.{first}", $"and OperationPreferences.{second} exclude each other: give one.");
            }
        }

        static int? InRange(string path, string name, int? value, int min, int max) =>
            value is null || (value >= min && value <= max)
                ? value
                : throw Validation.Error(path, $"OperationPreferences.{name}", $"must be {min} to {max} (got {value}).");

        Exclusive(path, nameof(preferences.MaxConcurrentCount), preferences.MaxConcurrentCount, nameof(preferences.MaxConcurrentPercentage), preferences.MaxConcurrentPercentage);
        Exclusive(path, nameof(preferences.FailureToleranceCount), preferences.FailureToleranceCount, nameof(preferences.FailureTolerancePercentage), preferences.FailureTolerancePercentage);
        var regionOrder = preferences.RegionOrder?.Select(r => AwsShapes.Region(path, r, "OperationPreferences.RegionOrder")).ToArray();
        var literalRegions = regions.Any(Token.IsUnresolved) ? null : regions;
        if (literalRegions is not null && regionOrder?.FirstOrDefault(r => !Token.IsUnresolved(r) && !literalRegions.Contains(r, StringComparer.Ordinal)) is { } stray)
        {
            throw Validation.Error(path, "OperationPreferences.RegionOrder", $"must list only the StackSet's Regions ('{stray}' is not among them).");
        }

        return new CfnStackSet.OperationPreferencesProperty
        {
            MaxConcurrentCount = InRange(path, nameof(preferences.MaxConcurrentCount), preferences.MaxConcurrentCount, 1, int.MaxValue),
            MaxConcurrentPercentage = InRange(path, nameof(preferences.MaxConcurrentPercentage), preferences.MaxConcurrentPercentage, 1, 100),
            FailureToleranceCount = InRange(path, nameof(preferences.FailureToleranceCount), preferences.FailureToleranceCount, 0, int.MaxValue),
            FailureTolerancePercentage = InRange(path, nameof(preferences.FailureTolerancePercentage), preferences.FailureTolerancePercentage, 0, 100),
            RegionOrder = regionOrder,
            RegionConcurrencyType = preferences.RegionConcurrency switch
            {
                StackSetRegionConcurrency.Sequential => "SEQUENTIAL",
                StackSetRegionConcurrency.Parallel => "PARALLEL",
                _ => null,
            },
            ConcurrencyMode = preferences.ConcurrencyMode switch
            {
                StackSetConcurrencyMode.StrictFailureTolerance => "STRICT_FAILURE_TOLERANCE",
                StackSetConcurrencyMode.SoftFailureTolerance => "SOFT_FAILURE_TOLERANCE",
                _ => null,
            },
        };
    }

    /// <summary>The template in a file named by its content, so that an unchanged template is the same asset.</summary>
    private static string WriteTemplateFile(string template)
    {
        var directory = Path.Combine(Path.GetTempPath(), "emrstudio-stackset-templates");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template))) + ".json");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, template);
        }

        return file;
    }

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StackSetNamePattern();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodeBucketPrefixPattern();

    [GeneratedRegex(@"\Aemrstudio-session-mapping-handler/[0-9a-f]{64}\.zip\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodeKeyPattern();
}
