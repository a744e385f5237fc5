namespace EmrStudio.CodePublisher.Publishing;

/// <summary>The code object's outcome: bytes uploaded (0 when already there), S3's version id, and why it was replaced.</summary>
internal sealed record CodeResult(CodeAction Action, long UploadedBytes, string? VersionId, string? ReplacedBecause);
