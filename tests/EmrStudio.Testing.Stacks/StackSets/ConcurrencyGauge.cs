namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>
/// Counts the stack instances an operation has in progress, as the operation admits and finishes them, and keeps the
/// highest count seen: the concurrency the operation really used, for tests to hold against its preferences.
/// </summary>
internal sealed class ConcurrencyGauge
{
    private readonly Lock _lock = new();
    private int _current;
    private int _maximum;

    public int Maximum
    {
        get
        {
            lock (_lock)
            {
                return _maximum;
            }
        }
    }

    public void Enter()
    {
        lock (_lock)
        {
            _current++;
            _maximum = Math.Max(_maximum, _current);
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            _current--;
        }
    }
}
