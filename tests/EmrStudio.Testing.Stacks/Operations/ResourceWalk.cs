using System.Runtime.ExceptionServices;

namespace EmrStudio.Testing.Stacks.Operations;

/// <summary>
/// Runs one step per resource as CloudFormation does: each once every resource it waits for has succeeded, several
/// at once up to a bound. Whenever a slot is free, the first ready resource in the given order starts, so starts
/// follow that order whenever completions do; with one slot the walk is the order itself. A failed step stops new
/// starts when the operation stops on failure (create, update); otherwise (delete) only the resources that wait for
/// it, directly or not, are left alone. Steps already running are always awaited, and a step's exception is thrown
/// once they have all ended.
/// </summary>
internal static class ResourceWalk
{
    /// <param name="order">Every resource of the walk, each after what it waits for.</param>
    /// <param name="waitsFor">What a resource waits for; resources outside <paramref name="order"/> are ignored.</param>
    /// <param name="maxConcurrent">How many steps may run at once.</param>
    /// <param name="stopOnFailure">Whether a failure stops every start after it.</param>
    /// <param name="step">Provisions one resource; false when it failed.</param>
    public static async Task<ResourceWalkOutcome> RunAsync(
        IReadOnlyList<string> order, Func<string, IEnumerable<string>> waitsFor, int maxConcurrent, bool stopOnFailure, Func<string, Task<bool>> step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        var inWalk = order.ToHashSet(StringComparer.Ordinal);
        var succeeded = new HashSet<string>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var leftAlone = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<string>(order);
        // Not keyed by task: steps that complete at once may share one cached task.
        var running = new List<(Task<bool> Step, string Id)>();
        ExceptionDispatchInfo? error = null;

        while (true)
        {
            var starting = error is null && !(stopOnFailure && failed.Count > 0);
            for (var i = 0; starting && i < pending.Count && running.Count < maxConcurrent;)
            {
                var id = pending[i];
                var prerequisites = waitsFor(id).Where(inWalk.Contains).ToList();
                if (prerequisites.Exists(p => failed.Contains(p) || leftAlone.Contains(p)))
                {
                    leftAlone.Add(id);
                    pending.RemoveAt(i);
                    continue;
                }

                if (prerequisites.TrueForAll(succeeded.Contains))
                {
                    pending.RemoveAt(i);
                    running.Add((Start(step, id), id));
                    continue;
                }

                i++;
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running.Select(entry => entry.Step));
            var index = running.FindIndex(entry => entry.Step == done);
            var finished = running[index].Id;
            running.RemoveAt(index);
            try
            {
                (await done ? succeeded : failed).Add(finished);
            }
            catch (Exception exception)
            {
                failed.Add(finished);
                error ??= ExceptionDispatchInfo.Capture(exception);
            }
        }

        error?.Throw();
        return new ResourceWalkOutcome(
            [.. order.Where(succeeded.Contains)],
            [.. order.Where(failed.Contains)],
            [.. order.Where(id => !succeeded.Contains(id) && !failed.Contains(id))]);
    }

    // A step that throws before its first await still becomes a faulted task, awaited with the others.
    private static async Task<bool> Start(Func<string, Task<bool>> step, string id) => await step(id);
}
