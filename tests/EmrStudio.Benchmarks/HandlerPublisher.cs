using System.Diagnostics;

namespace EmrStudio.Benchmarks;

/// <summary>
/// Publishes what the benchmark runs, from the source tree, so that it works from a fresh clone: the release zip through
/// build/package-handler.sh (the very artifact a user deploys) and a framework-dependent JIT build of the same project.
/// </summary>
internal static class HandlerPublisher
{
    private const string Project = "src/EmrStudio.SessionMappingHandler";
    private const string EmptyProgramProject = "tests/EmrStudio.Benchmarks.EmptyProgram";

    public static HandlerBuild PublishAot(string repoRoot, bool skipPublish)
    {
        if (!skipPublish)
        {
            Run(repoRoot, "bash", "build/package-handler.sh");
        }

        var bootstrap = Path.Combine(repoRoot, "artifacts", "handler", "bootstrap");
        var zip = Path.Combine(repoRoot, "artifacts", "emrstudio-session-mapping-handler.zip");
        return new HandlerBuild("AOT", bootstrap, null, new FileInfo(bootstrap).Length, new FileInfo(zip).Length);
    }

    public static HandlerBuild PublishJit(string repoRoot, bool skipPublish)
    {
        var output = Path.Combine(repoRoot, "artifacts", "benchmarks", "jit");
        if (!skipPublish)
        {
            // Same project, same switches (InvariantGlobalization and the rest land in runtimeconfig.json), only no AOT.
            Run(repoRoot, "dotnet", "publish", Project, "-c", "Release", "-o", output, "-p:PublishAot=false", "-p:SelfContained=false");
        }

        var dll = Path.Combine(output, "bootstrap.dll");
        return new HandlerBuild("JIT", "dotnet", dll, new FileInfo(dll).Length, null);
    }

    /// <summary>The floor: a program that writes one line, published with the handler's own Native AOT settings.</summary>
    public static HandlerBuild PublishEmptyProgram(string repoRoot, bool skipPublish)
    {
        var output = Path.Combine(repoRoot, "artifacts", "benchmarks", "empty-program");
        if (!skipPublish)
        {
            Run(repoRoot, "dotnet", "publish", EmptyProgramProject, "-c", "Release", "-o", output);
        }

        var executable = Path.Combine(output, "empty-program");
        return new HandlerBuild("empty", executable, null, new FileInfo(executable).Length, null);
    }

    private static void Run(string workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Console.Error.WriteLine($"> {fileName} {string.Join(' ', arguments)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
        }
    }
}
