using System.ComponentModel;
using System.Diagnostics;

namespace EmrStudio.Testing.Emulators;

/// <summary>Runs a command to completion, failing with its output when it fails, cannot start, or outlives its timeout.</summary>
public static class ExternalProcess
{
    public static string Run(string workingDirectory, TimeSpan timeout, string program, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"{program} is not on the PATH: {exception.Message}", exception);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
            }

            process.WaitForExit();
            return process.ExitCode == 0
                ? output.Result
                : throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{errors.Result}\n{output.Result}");
        }
    }
}
