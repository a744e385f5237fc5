using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EmrStudio.Cdk.Tests.Templates;
using EmrStudio.CodePublisher.Code;
using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;
using EmrStudio.Testing.Tools;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>
/// template.stackset.yaml is what build/generate-stackset-template.py makes of template.yaml: the committed file is
/// that output, and it differs from template.yaml only where a StackSet must (no local code, the code parameters).
/// </summary>
[Trait(TestTier.Name, TestTier.Full)]
public sealed class StackSetTemplateTests
{
    private const string Generator = "build/generate-stackset-template.py";

    private static CloudFormationTemplate StackSet => RepositoryTemplates.StackSetYaml;

    private static CloudFormationTemplate Plain => RepositoryTemplates.TemplateYaml;

    [Fact]
    public void Generator_FromTemplateYaml_GivesTheCommittedStackSetTemplate()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("emrstudio-stackset-").FullName, "template.stackset.yaml");

        var (exitCode, errors) = RunGenerator("--output", output);

        Assert.True(exitCode == 0, errors);
        Assert.Equal(File.ReadAllText(RepositoryRoot.File("template.stackset.yaml")), File.ReadAllText(output));
    }

    [Fact]
    public void Generator_RegionMarkerRemoved_FailsNamingTheRegion()
    {
        var directory = Directory.CreateTempSubdirectory("emrstudio-stackset-").FullName;
        var input = Path.Combine(directory, "template.yaml");
        var text = File.ReadAllText(RepositoryRoot.File("template.yaml"));
        File.WriteAllText(input, Regex.Replace(text, @"(?m)^ *# stackset:(begin|end) code\n", string.Empty));

        var (exitCode, errors) = RunGenerator("--input", input, "--output", Path.Combine(directory, "out.yaml"));

        Assert.Equal(2, exitCode);
        Assert.Contains("regions not marked: code", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "out.yaml")));
    }

    [Fact]
    public void Generator_Check_FailsWhenTheStackSetTemplateIsStale()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("emrstudio-stackset-").FullName, "template.stackset.yaml");
        File.WriteAllText(output, File.ReadAllText(RepositoryRoot.File("template.stackset.yaml")) + "# edited by hand\n");

        var (exitCode, errors) = RunGenerator("--check", "--output", output);

        Assert.Equal(1, exitCode);
        Assert.Contains("run build/generate-stackset-template.py", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void BothTemplates_Transform_IsAbsent()
    {
        Assert.False(Plain.Root.ContainsKey("Transform"));
        Assert.False(StackSet.Root.ContainsKey("Transform"));
    }

    [Fact]
    public void StackSetHandler_Code_IsTheCodeKeyInTheRegionsCodeBucket()
    {
        var code = StackSet.Properties(StackSet.SingleLogicalIdOfType("AWS::Lambda::Function"))["Code"]!;

        Assert.Equal("${CodeBucketPrefix}-${AWS::Region}", Text(code["S3Bucket"]!["Fn::Sub"]));
        Assert.Equal("CodeKey", Text(code["S3Key"]!["Ref"]));
    }

    [Fact]
    public void CodeKeyParameter_Pattern_AcceptsTheContentAddressedKeyOnly()
    {
        var pattern = new Regex(Text(Parameter("CodeKey")["AllowedPattern"])!, RegexOptions.None, TimeSpan.FromSeconds(1));
        var key = CodeKey.ForBootstrapSha256(new string('a', 64));

        Assert.Matches(pattern, key);
        Assert.DoesNotMatch(pattern, "emrstudio-session-mapping-handler/latest.zip");
        Assert.DoesNotMatch(pattern, "artifacts/emrstudio-session-mapping-handler.zip");
    }

    [Theory]
    [InlineData("my-org-code", true)]
    [InlineData("0rg", true)]
    [InlineData("My-Org", false)]
    [InlineData("my.org", false)]
    [InlineData("-org", false)]
    public void CodeBucketPrefixParameter_Pattern_FollowsBucketNamesWithoutDots(string prefix, bool accepted)
    {
        var pattern = new Regex(Text(Parameter("CodeBucketPrefix")["AllowedPattern"])!, RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(accepted, pattern.IsMatch(prefix));
    }

    /// <summary>Whatever template.yaml's tests hold of the handler, its role and the rest, holds of the StackSet's too.</summary>
    [Fact]
    public void StackSetTemplate_OutsideTheCode_IsTemplateYaml()
    {
        var plain = Comparable(Plain.Root, removeParameters: []);
        var stackSet = Comparable(StackSet.Root, removeParameters: ["CodeBucketPrefix", "CodeKey"]);

        Assert.Equal(plain, stackSet);
    }

    [Fact]
    public void StackSetTemplate_ParameterGroups_ListEveryParameterOnce()
    {
        var grouped = StackSet.Section("Metadata")["AWS::CloudFormation::Interface"]!["ParameterGroups"]!.AsArray()
            .SelectMany(g => g!["Parameters"]!.AsArray().Select(Text)).ToList();

        Assert.Equal(StackSet.Section("Parameters").Select(p => p.Key).Order(StringComparer.Ordinal), grouped.Order(StringComparer.Ordinal));
    }

    private static JsonObject Parameter(string name) => StackSet.Section("Parameters")[name]!.AsObject();

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>The template without what the generator changes on purpose: the description, the code and the code's parameters.</summary>
    private static string Comparable(JsonObject node, string[] removeParameters)
    {
        node.Remove("Description");
        node.Remove("Metadata");
        var parameters = node["Parameters"]!.AsObject();
        foreach (var name in removeParameters)
        {
            Assert.True(parameters.Remove(name), $"no parameter {name}");
        }

        var handler = node["Resources"]!["Handler"]!.AsObject();
        handler.Remove("Metadata");
        handler["Properties"]!.AsObject().Remove("Code");
        return node.ToJsonString();
    }

    private static (int ExitCode, string Errors) RunGenerator(params string[] arguments)
    {
        RequiredTool.Python.Require();
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(RepositoryRoot.File(Generator));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Generator} did not finish within a minute.");
        }

        return (process.ExitCode, errors.Result);
    }
}
