using System.Diagnostics;
using EmrStudio.Testing.Tools;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>
/// cfn-lint's CloudFormation YAML loader, which reads templates as AWS does: short tags become their long JSON forms.
/// </summary>
internal static class PythonTemplateTools
{
    private const string YamlDecoder = """
        import json, sys
        from cfnlint.decode import cfn_yaml
        json.dump(cfn_yaml.load(sys.argv[1]), sys.stdout)
        """;

    public static string DecodeYaml(string path)
    {
        RequiredTool.CfnLint.Require();
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(YamlDecoder);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("python3 did not finish within 2 minutes.");
        }

        return process.ExitCode == 0
            ? stdout
            : throw new InvalidOperationException($"python3 with {RequiredTool.CfnLint.Name} failed (exit {process.ExitCode}): {stderr.Result}");
    }
}
