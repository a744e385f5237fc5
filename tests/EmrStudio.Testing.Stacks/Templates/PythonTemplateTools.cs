using System.Collections.Concurrent;
using System.Diagnostics;
using EmrStudio.Testing.Tools;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>
/// The Python tools that read templates as AWS does: cfn-lint's CloudFormation YAML loader (short tags become their
/// long JSON forms) and the AWS SAM translator (the <c>AWS::Serverless-2016-10-31</c> transform).
/// </summary>
internal static class PythonTemplateTools
{
    private const string YamlDecoder = """
        import json, sys
        from cfnlint.decode import cfn_yaml
        json.dump(cfn_yaml.load(sys.argv[1]), sys.stdout)
        """;

    // The managed-policy loader is only asked for policies named in a function's Policies property: none may be.
    private const string SamTransform = """
        import json, sys
        from samtranslator.translator.transform import transform
        class NoManagedPolicies:
            def load(self):
                return {}
        template = json.load(sys.stdin)
        json.dump(transform(template, json.loads(sys.argv[1]), NoManagedPolicies()), sys.stdout)
        """;

    private static readonly ConcurrentDictionary<string, Lazy<string>> Transforms = new(StringComparer.Ordinal);

    public static string DecodeYaml(string path) => Run(YamlDecoder, [path], standardInput: null, RequiredTool.CfnLint);

    /// <summary>The SAM transform of a template with these parameters; the same inputs are transformed once per process.</summary>
    public static string Transform(string templateJson, string parametersJson) =>
        Transforms.GetOrAdd(templateJson + "\u0000" + parametersJson, _ => new Lazy<string>(() => Run(SamTransform, [parametersJson], templateJson, RequiredTool.SamTranslator))).Value;

    private static string Run(string script, string[] arguments, string? standardInput, RequiredTool needs)
    {
        needs.Require();
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The translator needs a region for its pseudo parameters; it makes no call.
        start.Environment["AWS_DEFAULT_REGION"] = SimulatedAccountDefaults.Region;
        using (var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start."))
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
                process.StandardInput.Close();
            }

            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("python3 did not finish within 2 minutes.");
            }

            return process.ExitCode == 0
                ? stdout
                : throw new InvalidOperationException($"python3 with {needs.Name} failed (exit {process.ExitCode}): {stderr.Result}");
        }
    }
}
