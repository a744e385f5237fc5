namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>An undo that only records whether it ran.</summary>
internal sealed class UndoProbe
{
    private int _runs;
    private int _runsWithTimeLeft;

    public bool Ran => Volatile.Read(ref _runs) > 0;

    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The runs whose token had not ended yet: the undo still had time to do its work.</summary>
    public int RunsWithTimeLeft => Volatile.Read(ref _runsWithTimeLeft);

    public Task Undo(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        if (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _runsWithTimeLeft);
        }

        return Task.CompletedTask;
    }
}
