using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EmrStudio.Cdk.Tests.Packaging;

/// <summary>
/// The README's consumer steps, as one bash script: each code block marked <c>&lt;!-- consumer-step --&gt;</c> is
/// run as it is, each marked <c>&lt;!-- consumer-step: file=NAME --&gt;</c> is written to NAME, in the README's order.
/// The only change is the clone's path, which the README writes as <see cref="RepositoryPlaceholder"/>.
/// </summary>
internal static partial class ReadmeConsumerSteps
{
    public const string RepositoryPlaceholder = "/path/to/emr-studio-session-mappings";

    /// <summary>
    /// The script, with <paramref name="repositoryRoot"/> for the placeholder. The steps after the one that packs the
    /// library are the consumer's: they run with <paramref name="consumerEnvironment"/> exported (its own NuGet folders).
    /// Each command is traced on standard error with the seconds since the start.
    /// </summary>
    public static string Script(string readme, string repositoryRoot, IReadOnlyDictionary<string, string> consumerEnvironment)
    {
        ArgumentNullException.ThrowIfNull(readme);
        ArgumentNullException.ThrowIfNull(consumerEnvironment);
        var script = new StringBuilder("set -euo pipefail\nexport PS4='+ [${SECONDS} s] '\nset -x\n");
        var steps = Step().Matches(readme.ReplaceLineEndings("\n"));
        if (steps.Count == 0)
        {
            throw new InvalidOperationException("The README marks no consumer steps.");
        }

        var packed = false;
        foreach (Match step in steps)
        {
            var body = step.Groups["body"].Value.Replace(RepositoryPlaceholder, repositoryRoot, StringComparison.Ordinal);
            script.Append(step.Groups["file"].Success
                ? $"cat > '{step.Groups["file"].Value}' <<'CONSUMER_STEP_END'\n{body}\nCONSUMER_STEP_END\n"
                : body + "\n");
            if (!packed && body.Contains("dotnet pack", StringComparison.Ordinal))
            {
                packed = true;
                foreach (var (name, value) in consumerEnvironment)
                {
                    script.Append(CultureInfo.InvariantCulture, $"export {name}='{value}'\n");
                }
            }
        }

        return packed ? script.ToString() : throw new InvalidOperationException("The README's consumer steps pack no library (dotnet pack).");
    }

    /// <summary>The version the README's <c>dotnet add package</c> step installs.</summary>
    public static string Version(string readme) =>
        AddPackage().Match(readme) is { Success: true } match
            ? match.Groups["version"].Value
            : throw new InvalidOperationException("The README's consumer steps add no EmrStudio.Cdk version.");

    [GeneratedRegex(@"^<!-- consumer-step(: file=(?<file>[^ ]+))? -->\n```\w*\n(?<body>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Step();

    [GeneratedRegex(@"dotnet add package EmrStudio\.Cdk --version (?<version>[0-9A-Za-z.+-]+)")]
    private static partial Regex AddPackage();
}
