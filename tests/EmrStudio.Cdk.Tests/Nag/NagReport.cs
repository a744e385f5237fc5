namespace EmrStudio.Cdk.Tests.Nag;

/// <summary>One template's unacknowledged cdk-nag findings.</summary>
public sealed record NagReport(string Template, IReadOnlyList<NagFinding> Findings);
