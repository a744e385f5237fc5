using System.Diagnostics;
using System.Reflection;

namespace EmrStudio.Cdk.Tests.Apps;

/// <summary>A CDK app's built assembly run as its own process, as <c>cdk synth</c> or <c>dotnet run</c> would run it.</summary>
internal static class AppProcess
{
    /// <summary>The built assembly of an app, as this project's build recorded it (EmrStudio.Cdk.Tests.csproj).</summary>
    public static string BuiltApp(string key) =>
        typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Runs <paramref name="assembly"/> with the stand-in handler and <paramref name="environment"/> (a null value unsets a variable).</summary>
    public static AppRun Run(string assembly, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(assembly);
        start.Environment[Internal.HandlerAsset.EnvironmentVariable] = TestStacks.FakeHandlerDirectory;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {assembly} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {assembly} did not finish within 3 minutes.");
        }

        return new AppRun(process.ExitCode, stdout, stderr.Result);
    }
}
