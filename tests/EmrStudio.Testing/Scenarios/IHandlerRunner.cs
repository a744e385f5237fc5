namespace EmrStudio.Testing.Scenarios;

/// <summary>
/// Runs the handler against a <see cref="ScenarioWorld"/>: in the test process through its composition root, or as
/// the published executable. The same scenarios run on both, so the shipped artifact passes what the code passes.
/// </summary>
public interface IHandlerRunner : IAsyncDisposable
{
    /// <summary>Short name for test output.</summary>
    string Name { get; }

    /// <summary>Everything the handler logged so far (JSON lines; a process's stderr too).</summary>
    string Output { get; }

    bool HasExited { get; }

    /// <summary>Starts the handler with these variables, the world's credentials included.</summary>
    Task StartAsync(IReadOnlyDictionary<string, string> environment);

    /// <summary>The exit code once the handler stops; throws <see cref="TimeoutException"/> if it does not stop in time.</summary>
    Task<int> WaitForExitAsync(TimeSpan timeout);
}
