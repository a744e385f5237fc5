namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>An undo that only records whether it ran.</summary>
internal sealed class UndoProbe
{
    private int _runs;

    public bool Ran => Volatile.Read(ref _runs) > 0;

    public int Runs => Volatile.Read(ref _runs);

    public Task Undo(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.CompletedTask;
    }
}
