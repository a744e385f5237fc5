using System.Diagnostics;
using System.Text;
using EmrStudio.Testing.Emr;

namespace EmrStudio.Testing.Scenarios;

/// <summary>
/// Runs the published <c>bootstrap</c> as a child process, as Lambda's provided.al2023 does: configuration and
/// credentials only through environment variables (the SDK's default chain finds the keys there), logs on stdout.
/// The process inherits nothing else from the test process, so a developer's own AWS settings cannot leak in.
/// </summary>
public sealed class BootstrapProcessRunner : IHandlerRunner
{
    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(int From, Func<string, bool> Matches, TaskCompletionSource<string> Signal)> _lineWaiters = [];
    private Process? _process;
    private bool _exited;

    public BootstrapProcessRunner(string executable) => _executable = executable;

    public string Name => "bootstrap process";

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>How many lines the process has printed so far: a mark for <see cref="WaitForLineAsync"/>.</summary>
    public int LineCount
    {
        get
        {
            lock (_lock)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>
    /// The first line from the <paramref name="from"/>-th on that <paramref name="matches"/>, when it arrives: the
    /// process's output reaches the test after its HTTP calls may have, so a test waits for the line it needs.
    /// </summary>
    public Task<string> WaitForLineAsync(int from, Func<string, bool> matches, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(matches);
        lock (_lock)
        {
            var found = _lines.Skip(from).FirstOrDefault(matches);
            if (found is not null)
            {
                return Task.FromResult(found);
            }

            var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _lineWaiters.Add((from, matches, signal));
            return signal.Task.WaitAsync(timeout);
        }
    }

    public bool HasExited => _exited || (_process?.HasExited ?? false);

    public Task StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(_executable)!,
        };
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // The fake's own keys unless the caller gave the function credentials of its own (one set per environment).
        start.Environment.TryAdd("AWS_ACCESS_KEY_ID", FakeEmr.AccessKeyId);
        start.Environment.TryAdd("AWS_SECRET_ACCESS_KEY", FakeEmr.SecretAccessKey);
        start.Environment.TryAdd("AWS_SESSION_TOKEN", ScenarioWorld.SessionToken);
        // No profile file may stand in for the variables above.
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data is null ? null : "[stderr] " + line.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"{_executable} did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return Task.CompletedTask;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The process was not started.");
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            // Also waits for the redirected streams to end, so Output is complete afterwards.
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"bootstrap still running after {timeout}. Output:\n{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null || _exited)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using (var timer = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                // Killed but not reaped in time: nothing more a test can do about it.
            }
        }

        _exited = true;
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> matched;
        lock (_lock)
        {
            _output.Append(line).Append('\n');
            _lines.Add(line);
            var index = _lines.Count - 1;
            var waiters = _lineWaiters.Where(waiter => waiter.From <= index && waiter.Matches(line)).ToList();
            _lineWaiters.RemoveAll(waiters.Contains);
            matched = [.. waiters.Select(waiter => waiter.Signal)];
        }

        foreach (var signal in matched)
        {
            signal.TrySetResult(line);
        }
    }
}
