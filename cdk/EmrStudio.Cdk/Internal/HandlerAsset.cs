namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Finds the folder that holds the prebuilt <c>bootstrap</c> executable, which becomes the function's code asset.
/// </summary>
/// <remarks>
/// Looked for, in order: the folder or file named by <see cref="EnvironmentVariable"/> (an explicit override);
/// <c>emrstudio-handler/bootstrap</c> next to this assembly (where the NuGet package's build targets copy it);
/// <c>artifacts/handler/bootstrap</c> in the working directory or any folder above it (a build in this repository).
/// </remarks>
internal static class HandlerAsset
{
    public const string EnvironmentVariable = "EMRSTUDIO_HANDLER_ASSET";

    public const string PackagedFolder = "emrstudio-handler";

    public const string ExecutableName = "bootstrap";

    public const string BuildCommand = "dotnet publish src/EmrStudio.SessionMappingHandler -c Release -o artifacts/handler";

    /// <summary>The folder that contains <c>bootstrap</c> and nothing else the function needs.</summary>
    public static string FindDirectory() => FindDirectory(Environment.GetEnvironmentVariable(EnvironmentVariable), Directory.GetCurrentDirectory());

    internal static string FindDirectory(string? overridePath, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var candidate = File.Exists(overridePath) ? Path.GetDirectoryName(Path.GetFullPath(overridePath))! : Path.GetFullPath(overridePath);
            if (!File.Exists(Path.Combine(candidate, ExecutableName)))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariable} is set to '{overridePath}', but no '{ExecutableName}' file is there. " +
                    $"Point it at the folder that holds the handler's '{ExecutableName}', or unset it.");
            }

            return EnsureExecutable(candidate);
        }

        // Next to the assembly; in a single-file app the assembly has no location, so the app's folder instead.
        foreach (var directory in new[] { Path.GetDirectoryName(typeof(HandlerAsset).Assembly.Location), AppContext.BaseDirectory })
        {
            if (!string.IsNullOrEmpty(directory) && File.Exists(Path.Combine(directory, PackagedFolder, ExecutableName)))
            {
                return EnsureExecutable(Path.Combine(directory, PackagedFolder));
            }
        }

        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            var built = Path.Combine(directory.FullName, "artifacts", "handler");
            if (File.Exists(Path.Combine(built, ExecutableName)))
            {
                return EnsureExecutable(built);
            }
        }

        throw new InvalidOperationException(
            $"The session mapping handler's '{ExecutableName}' was not found: not in '{PackagedFolder}/' next to {typeof(HandlerAsset).Assembly.GetName().Name}.dll, " +
            $"not in artifacts/handler/ under '{workingDirectory}' or above it, and {EnvironmentVariable} is not set. " +
            $"In the repository, build it with `{BuildCommand}`; as a package consumer, restore and build the app so that the package copies it.");
    }

    /// <summary>
    /// Lambda runs <c>bootstrap</c> as a program, so the asset must carry the execute bit; package extraction and
    /// copies may drop it. Fixes it in place, or stages a copy when the file cannot be changed.
    /// </summary>
    private static string EnsureExecutable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return directory;
        }

        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var file = Path.Combine(directory, ExecutableName);
        var mode = File.GetUnixFileMode(file);
        if ((mode & Execute) == Execute)
        {
            return directory;
        }

        try
        {
            File.SetUnixFileMode(file, mode | Execute | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return directory;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            var staged = Path.Combine(Path.GetTempPath(), "emrstudio-handler-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(staged);
            var copy = Path.Combine(staged, ExecutableName);
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, mode | Execute | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return staged;
        }
    }
}
