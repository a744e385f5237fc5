namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>
/// Which records each reconcile run checked, told apart from the runs' own account of it: a record is checked when
/// EMR answered its GetStudioSessionMapping. A record whose check a run began without EMR answering is skipped, and
/// stays owed: every later run that ends without checking it skips it again. A record is never owed for not being
/// reached: where a run stopped, the next one goes on.
/// </summary>
internal sealed class SkipLedger
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _everChecked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _owed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _attempted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);

    /// <summary>Runs ended so far.</summary>
    public int Runs { get; private set; }

    /// <summary>Records checked at least once.</summary>
    public int EverChecked
    {
        get
        {
            lock (_gate)
            {
                return _everChecked.Count;
            }
        }
    }

    /// <summary>Records whose check is owed: begun and not answered, in every run since.</summary>
    public int Owed
    {
        get
        {
            lock (_gate)
            {
                return _owed.Count;
            }
        }
    }

    /// <summary>Skips over all runs: one per run and record owed at its end.</summary>
    public int Skips { get; private set; }

    /// <summary>The most runs in a row that ended with one record owed.</summary>
    public int MaxConsecutiveSkips { get; private set; }

    public void Attempted(string record)
    {
        lock (_gate)
        {
            _attempted.Add(record);
        }
    }

    public void Checked(string record)
    {
        lock (_gate)
        {
            _checked.Add(record);
            _everChecked.Add(record);
        }
    }

    /// <summary>Closes a run: owed records it checked are settled, the others (and those it began and left) skipped once more.</summary>
    public void EndRun()
    {
        lock (_gate)
        {
            Runs++;
            foreach (var record in _attempted.Where(record => !_checked.Contains(record)))
            {
                _owed.TryAdd(record, 0);
            }

            foreach (var record in _owed.Keys.ToList())
            {
                if (_checked.Contains(record))
                {
                    _owed.Remove(record);
                    continue;
                }

                var skips = ++_owed[record];
                Skips++;
                MaxConsecutiveSkips = Math.Max(MaxConsecutiveSkips, skips);
            }

            _attempted.Clear();
            _checked.Clear();
        }
    }
}
