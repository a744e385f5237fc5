using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace EmrStudio.Testing.Tools;

/// <summary>
/// A program that tests run besides the .NET test host. A test calls <see cref="Require"/> before it needs the tool:
/// when the tool is missing or of another version, the test fails at once with a message that names the tool, the
/// version expected and the one line that installs it. Each tool is checked once per test process.
/// </summary>
public sealed class RequiredTool
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(1);

    private readonly string _program;
    private readonly string[] _arguments;
    private readonly Func<string, bool> _accepts;
    private readonly RequiredTool[] _needs;
    private readonly Lazy<(string? Version, string? Problem)> _check;

    private RequiredTool(string name, string expected, string install, string program, string[] arguments, Func<string, bool> accepts, params RequiredTool[] needs)
    {
        Name = name;
        Expected = expected;
        Install = install;
        _program = program;
        _arguments = arguments;
        _accepts = accepts;
        _needs = needs;
        _check = new(Check);
    }

    /// <summary>The .NET SDK, for the builds, publishes and packs that tests run as child processes.</summary>
    public static RequiredTool Dotnet { get; } = new(
        "the .NET SDK (dotnet)", "10.0 (global.json pins 10.0.401)", "./dotnet-install.sh --version 10.0.401 (https://dot.net/v1/dotnet-install.sh)",
        "dotnet", ["--version"], version => Major(version) == 10);

    /// <summary>The C compiler and linker that Native AOT links the handler with.</summary>
    public static RequiredTool NativeToolchain { get; } = new(
        "a C toolchain for Native AOT (clang or gcc, with zlib)", "any current version", "apt-get install -y clang zlib1g-dev",
        "sh", ["-c", "clang --version 2>/dev/null || gcc --version"], version => version.Length > 0);

    /// <summary>GNU objdump, which reads the glibc symbol versions the published handler needs.</summary>
    public static RequiredTool Objdump { get; } = new(
        "objdump (GNU binutils)", "any current version", "apt-get install -y binutils",
        "objdump", ["--version"], version => version.Length > 0);

    public static RequiredTool Python { get; } = new(
        "python3", "3.9 or later", "apt-get install -y python3 python3-pip",
        "python3", ["--version"], version => Major(version) == 3 && Minor(version) >= 9);

    /// <summary>cfn-lint, whose CloudFormation YAML loader decodes the templates as CloudFormation reads them.</summary>
    public static RequiredTool CfnLint { get; } = new(
        "cfn-lint (Python module cfnlint)", "1.x", "pip install cfn-lint==1.51.0",
        "python3", ["-c", "import cfnlint.version; print(cfnlint.version.__version__)"], version => Major(version) == 1, Python);

    /// <summary>The AWS SAM translator, which expands template.yaml's serverless function as CloudFormation's transform does.</summary>
    public static RequiredTool SamTranslator { get; } = new(
        "aws-sam-translator (Python module samtranslator)", "1.x", "pip install aws-sam-translator==1.110.0",
        "python3", ["-c", "import samtranslator; print(samtranslator.__version__)"], version => Major(version) == 1, Python);

    /// <summary>botocore, whose service models the AWS SDKs and CLI are generated from: the S3 fake is held to its S3 model and client.</summary>
    public static RequiredTool Botocore { get; } = new(
        "botocore (Python module botocore)", "1.x", "pip install botocore",
        "python3", ["-c", "import botocore; print(botocore.__version__)"], version => Major(version) == 1, Python);

    /// <summary>Node.js: the CDK's jsii runtime, the CDK CLI and cdk-nag run on it.</summary>
    public static RequiredTool Node { get; } = new(
        "Node.js (node)", "18 or later", "apt-get install -y nodejs npm",
        "node", ["--version"], version => Major(version) >= 18);

    /// <summary>npm, which installs cdk-nag and (npx) runs the CDK CLI.</summary>
    public static RequiredTool Npm { get; } = new(
        "npm", "9 or later", "apt-get install -y nodejs npm",
        "npm", ["--version"], version => Major(version) >= 9, Node);

    /// <summary>What the tool is, for people.</summary>
    public string Name { get; }

    /// <summary>The versions the tests work with.</summary>
    public string Expected { get; }

    /// <summary>One command that installs it.</summary>
    public string Install { get; }

    /// <summary>The version found (the first line the tool printed); throws naming the tool, the version expected and the install line.</summary>
    public string Require()
    {
        foreach (var need in _needs)
        {
            need.Require();
        }

        var (version, problem) = _check.Value;
        return problem is null
            ? version!
            : throw new InvalidOperationException($"This test needs {Name}, version {Expected}, but {problem}. Install it with: {Install}");
    }

    public override string ToString() => $"{Name} {Expected}: {Install}";

    private (string? Version, string? Problem) Check()
    {
        var start = new ProcessStartInfo(_program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = $"{_program} {string.Join(' ', _arguments)}";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_program} did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(CheckTimeout))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"`{command}` did not answer within {CheckTimeout.TotalSeconds} s");
            }

            var version = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
            return process.ExitCode != 0
                ? (null, $"`{command}` failed (exit {process.ExitCode}): {errors.Result.Trim().Split('\n')[^1]}")
                : _accepts(version) ? (version, null) : (null, $"`{command}` says {version}");
        }
        catch (Win32Exception)
        {
            return (null, $"{_program} is not on the PATH");
        }
    }

    /// <summary>The first number in a version line ("v20.1.0", "Python 3.11.7", "1.51.0"), or -1.</summary>
    private static int Major(string version) => Number(version, 0);

    private static int Minor(string version) => Number(version, 1);

    private static int Number(string version, int index)
    {
        var digits = new string(version.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        var parts = digits.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return index < parts.Length && int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;
    }
}
