namespace EmrStudio.Scale.Reconcile.Campaign;

/// <summary>What a <see cref="ReconcileCampaign"/> did: runs, checks, skips, EMR calls and time.</summary>
/// <param name="Records">Records the table held.</param>
/// <param name="Runs">Scheduled runs until every record was checked (or the campaign gave up).</param>
/// <param name="RecordsChecked">Distinct records whose check EMR answered.</param>
/// <param name="RecordsOwed">Records begun and left unchecked by the last run.</param>
/// <param name="Skips">Run-record pairs in which a record was owed at the run's end.</param>
/// <param name="MaxConsecutiveSkips">The most runs in a row that ended with one record owed.</param>
/// <param name="ChecksFailedByRuns">Checks the runs themselves reported as failed (their summaries' checkFailed).</param>
/// <param name="EmrAttempts">Attempts sent to EMR, retries included.</param>
/// <param name="EmrThrottled">Attempts EMR answered with ThrottlingException.</param>
/// <param name="FunctionTime">The function's time the runs used, on the campaign's clock.</param>
/// <param name="WallTime">How long the campaign took on the machine.</param>
internal sealed record ReconcileCampaignResult(
    int Records,
    int Runs,
    int RecordsChecked,
    int RecordsOwed,
    int Skips,
    int MaxConsecutiveSkips,
    long ChecksFailedByRuns,
    int EmrAttempts,
    int EmrThrottled,
    TimeSpan FunctionTime,
    TimeSpan WallTime)
{
    /// <summary>Every record checked, none left owed.</summary>
    public bool Complete => RecordsChecked == Records && RecordsOwed == 0;
}
