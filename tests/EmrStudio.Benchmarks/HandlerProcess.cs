using System.Diagnostics;
using System.Globalization;

namespace EmrStudio.Benchmarks;

/// <summary>One running handler process, with its output drained (a full pipe would block its logger) and kept for errors.</summary>
internal sealed class HandlerProcess : IDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private HandlerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public static HandlerProcess Start(HandlerBuild build, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(build.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(build.Argument ?? build.FileName)!,
        };
        if (build.Argument is not null)
        {
            start.ArgumentList.Add(build.Argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var handler = new HandlerProcess(process);
        process.OutputDataReceived += (_, line) => handler.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => handler.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return handler;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit and its output to be drained; throws <see cref="TimeoutException"/> after <paramref name="patience"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The process did not exit within {patience}. Its output:\n{RecentOutput()}");
        }
    }

    /// <summary>
    /// The CPU time all the process's threads have used so far, in milliseconds, from the scheduler's own accounting
    /// (<c>/proc/PID/task/*/schedstat</c>, nanoseconds): unlike wall time, it barely moves when other processes load
    /// the machine.
    /// </summary>
    public double CpuMilliseconds()
    {
        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                nanoseconds += long.Parse(fields[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // A thread that ended between the listing and the read: its time is gone with it.
            }
        }

        return nanoseconds / 1_000_000.0;
    }

    /// <summary>The process's peak resident set so far (VmHWM), in KiB.</summary>
    public long PeakResidentKib()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no VmHWM line.");
    }

    /// <summary>The last lines the process wrote, for an error message.</summary>
    public string RecentOutput()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }
}
