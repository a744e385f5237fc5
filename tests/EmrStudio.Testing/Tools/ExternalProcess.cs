using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using EmrStudio.Testing.Reporting;

namespace EmrStudio.Testing.Tools;

/// <summary>Runs a command to completion, failing with its output when it fails, cannot start, or outlives its timeout.</summary>
public static class ExternalProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, for at most <paramref name="timeout"/>.</summary>
    /// <returns>What the command printed on standard output.</returns>
    /// <param name="workingDirectory">Where the command runs.</param>
    /// <param name="timeout">After this, the command and its children are killed and a TimeoutException thrown.</param>
    /// <param name="program">The command, found on the PATH.</param>
    /// <param name="arguments">Its arguments, each passed as one.</param>
    /// <param name="progress">Hears each line the command prints on standard error, for the step's heartbeat.</param>
    public static string Run(string workingDirectory, TimeSpan timeout, string program, IEnumerable<string> arguments, StepProgress? progress = null)
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

        // npm's cache stays in the repository's artifacts, not in the user's home.
        start.Environment["npm_config_cache"] = Path.Combine(RepositoryRoot.Path, "artifacts", "npm-cache");
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
            var errors = new StringBuilder();
            var errorsEnded = new TaskCompletionSource();
            process.ErrorDataReceived += (_, line) =>
            {
                if (line.Data is null)
                {
                    errorsEnded.TrySetResult();
                    return;
                }

                progress?.Saw(line.Data);
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }
            };
            process.BeginErrorReadLine();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}.");
            }

            process.WaitForExit();
            errorsEnded.Task.Wait();
            lock (errors)
            {
                return process.ExitCode == 0
                    ? output.Result
                    : throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{errors}\n{output.Result}");
            }
        }
    }
}
