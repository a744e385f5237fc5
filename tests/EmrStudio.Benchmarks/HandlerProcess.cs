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
