using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>
/// A template as CloudFormation holds it, in JSON form: from a synthesized CDK app, from JSON or YAML text or files
/// (YAML through cfn-lint's loader). Immutable: edits return a new template.
/// </summary>
public sealed class CloudFormationTemplate
{
    private static readonly Dictionary<string, string> YamlCache = new(StringComparer.Ordinal);
    private static readonly Lock YamlCacheLock = new();

    private readonly JsonObject _root;

    private CloudFormationTemplate(JsonObject root, string description)
    {
        _root = root;
        Description = description;
    }

    /// <summary>Where the template came from, for messages.</summary>
    public string Description { get; }

    /// <summary>A copy of the whole template.</summary>
    public JsonObject Root => (JsonObject)_root.DeepClone();

    public JsonObject Section(string name) => _root[name] as JsonObject ?? [];

    public JsonObject Resources => Section("Resources");

    public JsonObject Resource(string logicalId) =>
        Section("Resources")[logicalId] as JsonObject ?? throw new KeyNotFoundException($"{Description} declares no resource {logicalId}.");

    public static CloudFormationTemplate FromJson(string json, string description = "JSON template") =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException($"{description} is not a JSON object."), description);

    public static CloudFormationTemplate FromJson(JsonObject root, string description = "JSON template")
    {
        ArgumentNullException.ThrowIfNull(root);
        return new((JsonObject)root.DeepClone(), description);
    }

    /// <summary>A .json file as it is, a .yaml/.yml file through cfn-lint's loader.</summary>
    public static CloudFormationTemplate FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromJson(text, path) : FromYaml(text, path);
    }

    /// <summary>CloudFormation YAML (short tags included), decoded by cfn-lint's loader; decoded once per text.</summary>
    public static CloudFormationTemplate FromYaml(string yaml, string description = "YAML template")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        string? json;
        lock (YamlCacheLock)
        {
            YamlCache.TryGetValue(key, out json);
        }

        if (json is null)
        {
            var file = Path.Combine(Path.GetTempPath(), $"emrstudio-template-{key}.yaml");
            File.WriteAllText(file, yaml);
            try
            {
                json = PythonTemplateTools.DecodeYaml(file);
            }
            finally
            {
                File.Delete(file);
            }

            lock (YamlCacheLock)
            {
                YamlCache[key] = json;
            }
        }

        return FromJson(json, description);
    }

    /// <summary>
    /// What <c>aws cloudformation package</c> makes of this template: a function's <c>Code</c> that names a local file
    /// becomes an S3 location, named by the file's hash when it exists.
    /// </summary>
    public CloudFormationTemplate WithPackagedCode(string? baseDirectory = null) =>
        With(
            root =>
            {
                foreach (var (_, resource) in root[nameof(Resources)] as JsonObject ?? [])
                {
                    if (resource?["Type"]?.GetValue<string>() == "AWS::Lambda::Function" && resource["Properties"]?["Code"] is JsonValue code
                        && code.GetValue<string>() is var path)
                    {
                        var file = Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), path);
                        var key = File.Exists(file) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))) : "unbuilt-" + Path.GetFileNameWithoutExtension(path);
                        resource["Properties"]!["Code"] = new JsonObject { ["S3Bucket"] = "simulated-deployment-artifacts", ["S3Key"] = key + ".zip" };
                    }
                }
            },
            Description + " (packaged)");

    /// <summary>A copy with <paramref name="edit"/> applied to the JSON.</summary>
    public CloudFormationTemplate With(Action<JsonObject> edit, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var root = Root;
        edit(root);
        return new CloudFormationTemplate(root, description ?? Description);
    }

    /// <summary>A copy with one more resource (replacing one of the same id).</summary>
    public CloudFormationTemplate WithResource(string logicalId, JsonObject resource) =>
        With(root =>
        {
            if (root[nameof(Resources)] is not JsonObject resources)
            {
                root[nameof(Resources)] = resources = [];
            }

            resources[logicalId] = resource.DeepClone();
        });

    /// <summary>The <c>Properties</c> of the resource <paramref name="logicalId"/>.</summary>
    public JsonObject Properties(string logicalId) =>
        Resource(logicalId)["Properties"] as JsonObject ?? throw new KeyNotFoundException($"{Description}: resource {logicalId} has no Properties.");

    /// <summary>The logical id of the one resource of <paramref name="type"/>; throws when there is none or more than one.</summary>
    public string SingleLogicalIdOfType(string type) =>
        LogicalIdsOfType(type) is [var only]
            ? only
            : throw new InvalidOperationException($"{Description} declares {LogicalIdsOfType(type).Count} resources of type {type}, expected exactly one.");

    /// <summary>
    /// Resolves this template's intrinsic functions as CloudFormation would for a stack created with these
    /// <paramref name="parameters"/> (the others take their Default) in the simulated account, before any resource
    /// exists: what a parameter or a condition turns into. A reference to a resource or an import throws.
    /// </summary>
    public IntrinsicResolver ResolverBeforeDeployment(IReadOnlyDictionary<string, string>? parameters = null, string stackName = "stack")
    {
        var stackId = $"arn:{SimulatedAccountDefaults.Partition}:cloudformation:{SimulatedAccountDefaults.Region}:{SimulatedAccountDefaults.AccountId}:stack/{stackName}/00000000-0000-0000-0000-000000000000";
        var values = ParameterResolver.Resolve(this, parameters ?? new Dictionary<string, string>(), stackName, stackId, new SimulatorOptions().SsmParameters);
        return new IntrinsicResolver(this, values, new NoResourcesYet(Description));
    }

    /// <summary>The logical ids of the resources of <paramref name="type"/>, in template order.</summary>
    public IReadOnlyList<string> LogicalIdsOfType(string type) =>
        [.. Resources.Where(pair => pair.Value?["Type"]?.GetValue<string>() == type).Select(pair => pair.Key)];

    public override string ToString() => Description;
}
