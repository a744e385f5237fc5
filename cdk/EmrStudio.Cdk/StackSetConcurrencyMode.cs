namespace EmrStudio.Cdk;

/// <summary>How a StackSet operation holds its concurrency against its failure tolerance.</summary>
public enum StackSetConcurrencyMode
{
    /// <summary>
    /// Lowers the concurrency as accounts fail, so that failures never exceed the failure tolerance plus one
    /// (<c>STRICT_FAILURE_TOLERANCE</c>, CloudFormation's default).
    /// </summary>
    StrictFailureTolerance,

    /// <summary>Keeps the concurrency whatever fails, up to the failure tolerance (<c>SOFT_FAILURE_TOLERANCE</c>).</summary>
    SoftFailureTolerance,
}
