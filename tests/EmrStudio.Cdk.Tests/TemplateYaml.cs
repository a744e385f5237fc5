using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// The repository's <c>template.yaml</c>, as CloudFormation reads it: the short tags (<c>!Ref</c>, <c>!Sub</c>,
/// <c>!GetAtt</c>...) become their long JSON forms (<c>{"Ref": ...}</c>, <c>{"Fn::GetAtt": [..]}</c>), the shape
/// <c>cdk synth</c> writes too, so the two deployments can be compared node by node.
/// </summary>
/// <remarks>
/// The YAML is decoded by cfn-lint's own CloudFormation YAML loader (python3, <c>cfnlint.decode.cfn_yaml</c>), the
/// linter the project already runs on the template: no second YAML dialect to keep in step with CloudFormation's.
/// </remarks>
internal sealed class TemplateYaml
{
    private const string Decoder = """
        import json, sys
        from cfnlint.decode import cfn_yaml
        json.dump(cfn_yaml.load(sys.argv[1]), sys.stdout)
        """;

    private static readonly Lazy<TemplateYaml> Repository = new(() => Load(FindRepositoryFile("template.yaml")));

    private TemplateYaml(JsonElement root) => Root = root;

    /// <summary>The repository's template.yaml, decoded once per test run.</summary>
    public static TemplateYaml RepositoryTemplate => Repository.Value;

    public JsonElement Root { get; }

    public JsonElement AllResources => Root.GetProperty("Resources");

    public JsonElement Resource(string logicalId) =>
        AllResources.TryGetProperty(logicalId, out var resource)
            ? resource
            : throw new KeyNotFoundException($"template.yaml declares no resource {logicalId}.");

    public JsonElement Properties(string logicalId) => Resource(logicalId).GetProperty("Properties");

    /// <summary>The logical id of the one resource of <paramref name="type"/>; fails if there is none or more than one.</summary>
    public string SingleResourceOfType(string type)
    {
        var ids = AllResources.EnumerateObject()
            .Where(r => r.Value.TryGetProperty("Type", out var t) && t.GetString() == type)
            .Select(r => r.Name)
            .ToList();
        return ids.Count == 1
            ? ids[0]
            : throw new InvalidOperationException($"template.yaml declares {ids.Count} resources of type {type}, expected exactly one.");
    }

    /// <summary>The statements of all inline policies of the role <paramref name="roleLogicalId"/>.</summary>
    public IReadOnlyList<JsonElement> RoleStatements(string roleLogicalId) =>
        Properties(roleLogicalId).GetProperty("Policies").EnumerateArray()
            .SelectMany(p => AsArray(p.GetProperty("PolicyDocument").GetProperty("Statement")))
            .ToList();

    /// <summary>A policy element that may be a single value or a list (Action, Resource), as a list.</summary>
    public static IEnumerable<JsonElement> AsArray(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [element];

    /// <summary>Decodes a CloudFormation YAML (or JSON) template file.</summary>
    public static TemplateYaml Load(string path)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Decoder);
        start.ArgumentList.Add(path);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Reading {path} needs python3 with cfn-lint on the PATH (pip install cfn-lint): {e.Message}", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var json = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"python3 did not decode {path} within 2 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"python3 could not decode {path} with cfn-lint's YAML loader (is cfn-lint installed? pip install cfn-lint); " +
                    $"exit code {process.ExitCode}: {stderr.Result}");
            }

            using var document = JsonDocument.Parse(json);
            return new TemplateYaml(document.RootElement.Clone());
        }
    }

    /// <summary>Finds <paramref name="name"/> at the repository root (the folder holding Infra.sln), walking up from the test binaries.</summary>
    public static string FindRepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                var path = Path.Combine(dir.FullName, name);
                return File.Exists(path) ? path : throw new FileNotFoundException($"The repository root {dir.FullName} holds no {name}.", path);
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Infra.sln.");
    }
}
