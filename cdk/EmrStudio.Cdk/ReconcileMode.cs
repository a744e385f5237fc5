namespace EmrStudio.Cdk;

/// <summary>What the handler's scheduled reconcile does when a mapping differs from its recorded desired state.</summary>
public enum ReconcileMode
{
    /// <summary>Re-create a missing mapping and set a changed session policy back; report both (<c>repair</c>).</summary>
    Repair,

    /// <summary>Only report drift, as log lines and metrics (<c>report</c>).</summary>
    Report,

    /// <summary>No schedule at all: nothing reconciles.</summary>
    Off,
}
