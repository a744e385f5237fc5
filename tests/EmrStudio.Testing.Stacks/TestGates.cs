namespace EmrStudio.Testing.Stacks;

/// <summary>
/// The gates of the account's <see cref="TestGate"/> resources, by logical id: which operations are in flight, in
/// which order they started and ended, and the signals a test waits on instead of sleeping. Thread-safe.
/// </summary>
public sealed class TestGates
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource> _open = new(StringComparer.Ordinal);
    private readonly List<string> _inFlight = [];
    private readonly List<string> _log = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _startWaiters = [];
    private bool _allOpen;
    private int _starts;
    private int _maxInFlight;

    /// <summary>Resources whose operation waits at its gate now, in the order they arrived.</summary>
    public IReadOnlyList<string> InFlight
    {
        get
        {
            lock (_lock)
            {
                return [.. _inFlight];
            }
        }
    }

    /// <summary>"start X" and "end X" lines, in the order they happened.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_lock)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>The most operations that waited at their gates at once.</summary>
    public int MaxInFlight
    {
        get
        {
            lock (_lock)
            {
                return _maxInFlight;
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> operations have reached their gates since the account started.</summary>
    public Task WaitForStartsAsync(int count, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_starts >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _startWaiters.Add((count, signal));
            return signal.Task.WaitAsync(timeout);
        }
    }

    /// <summary>Lets the operation of <paramref name="logicalId"/> through, now or when it arrives.</summary>
    public void Open(string logicalId)
    {
        lock (_lock)
        {
            Gate(logicalId).TrySetResult();
        }
    }

    /// <summary>Lets every operation through, those waiting now and all later ones.</summary>
    public void OpenAll()
    {
        lock (_lock)
        {
            _allOpen = true;
            foreach (var gate in _open.Values)
            {
                gate.TrySetResult();
            }
        }
    }

    /// <summary>Makes operations that arrive from now on wait again (after <see cref="OpenAll"/>).</summary>
    public void CloseAll()
    {
        lock (_lock)
        {
            _allOpen = false;
        }
    }

    internal async Task PassAsync(string logicalId)
    {
        Task open;
        List<TaskCompletionSource> released;
        lock (_lock)
        {
            _inFlight.Add(logicalId);
            _log.Add("start " + logicalId);
            _maxInFlight = Math.Max(_maxInFlight, _inFlight.Count);
            _starts++;
            released = [.. _startWaiters.Where(waiter => waiter.Count <= _starts).Select(waiter => waiter.Signal)];
            _startWaiters.RemoveAll(waiter => waiter.Count <= _starts);
            var gate = Gate(logicalId);
            if (_allOpen)
            {
                gate.TrySetResult();
            }

            open = gate.Task;
        }

        foreach (var signal in released)
        {
            signal.TrySetResult();
        }

        await open;
        lock (_lock)
        {
            _inFlight.Remove(logicalId);
            _log.Add("end " + logicalId);
            // One pass per opening: the resource's next operation waits again.
            _open.Remove(logicalId);
        }
    }

    private TaskCompletionSource Gate(string logicalId)
    {
        if (!_open.TryGetValue(logicalId, out var gate))
        {
            _open[logicalId] = gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return gate;
    }
}
