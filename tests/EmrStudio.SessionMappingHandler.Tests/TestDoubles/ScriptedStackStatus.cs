using System.Collections.Concurrent;
using EmrStudio.SessionMappingHandler.StackStatus;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>CloudFormation's view of the stack, as a test sets it: a status, no such stack (null), or a failure to ask.</summary>
internal sealed class ScriptedStackStatus : IStackStatusReader
{
    public string? Status { get; set; } = "UPDATE_IN_PROGRESS";

    /// <summary>When set, every call throws it instead of answering.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Statuses of particular stacks, by StackId; others have <see cref="Status"/>. A null value: no such stack.</summary>
    public ConcurrentDictionary<string, string?> ByStack { get; } = new(StringComparer.Ordinal);

    /// <summary>The StackIds asked about, in order.</summary>
    public ConcurrentQueue<string> Asked { get; } = new();

    public Task<string?> GetStackStatusAsync(string stackId, CancellationToken cancellationToken)
    {
        Asked.Enqueue(stackId);
        return Failure is { } failure
            ? Task.FromException<string?>(failure)
            : Task.FromResult(ByStack.TryGetValue(stackId, out var status) ? status : Status);
    }
}
