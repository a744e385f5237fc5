using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using EmrStudio.Testing.Tools;

namespace EmrStudio.Testing.Emulators;

/// <summary>
/// An emulator run by Node.js from an <see cref="NpmPackageSet"/>: a script that listens on a free loopback port and
/// prints <c>listening &lt;port&gt;</c>. It exits when its standard input closes, so it never outlives the test process.
/// </summary>
public sealed class NodeServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public static NodeServer Start(NpmPackageSet packages, string script, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(arguments);
        RequiredTool.Node.Require();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = packages.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"node is not on the PATH: {exception.Message}", exception);
        }

        var errors = process.StandardError.ReadToEndAsync();
        var firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(StartTimeout) || firstLine.Result is not { } line
            || !line.StartsWith("listening ", StringComparison.Ordinal)
            || !int.TryParse(line.AsSpan("listening ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"node {script} did not start listening:\n{errors.Result}");
        }

        // Keep reading, so that a full pipe never blocks the emulator.
        _ = process.StandardOutput.ReadToEndAsync();
        return new NodeServer(process, port);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
