namespace EmrStudio.CodePublisher.Buckets;

/// <summary>A bucket policy with the code statements in it, what had to change, and how many other statements it keeps.</summary>
internal sealed record PolicyMerge(string Policy, IReadOnlyList<string> Changes, int OtherStatements)
{
    public bool Changed => Changes.Count > 0;
}
