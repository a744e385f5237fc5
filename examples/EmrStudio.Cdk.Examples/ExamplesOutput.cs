using System.Reflection;

namespace EmrStudio.Cdk.Examples;

/// <summary>
/// Where the examples' templates go. A CDK app that no CLI runs would write them to a new temporary folder; this one
/// writes them to its project's <c>cdk.out/</c>, apart from the sample app's (the repository's <c>cdk.out/</c>).
/// </summary>
internal static class ExamplesOutput
{
    /// <summary>Set by the CDK CLI to the cloud assembly's folder.</summary>
    public const string CliVariable = "CDK_OUTDIR";

    /// <summary>The assembly metadata key of the project's folder, which the build records (EmrStudio.Cdk.Examples.csproj).</summary>
    public const string ProjectDirectoryKey = "EmrStudio.Cdk.Examples.ProjectDirectory";

    /// <summary>The file name of a StackSet's member template, beside its stack's template: <c>&lt;stack&gt;.member.template.json</c>.</summary>
    public static string MemberTemplateFile(string stackName) => stackName + ".member.template.json";

    /// <summary>The CLI's folder when it runs the app, otherwise the project's <c>cdk.out/</c>.</summary>
    public static string Directory(string? cliOutdir) =>
        !string.IsNullOrEmpty(cliOutdir) ? cliOutdir : Path.Combine(ProjectDirectory, "cdk.out");

    /// <summary>The examples project's folder, as its build recorded it.</summary>
    public static string ProjectDirectory =>
        typeof(ExamplesOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == ProjectDirectoryKey).Value
        ?? throw new InvalidOperationException($"The build recorded no {ProjectDirectoryKey}.");
}
