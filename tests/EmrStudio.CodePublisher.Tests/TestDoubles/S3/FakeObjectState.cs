namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>What S3 reports about an object that s3rver does not keep: its encryption, checksum and version.</summary>
public sealed record FakeObjectState(string? Encryption, string? ChecksumSha256, string? VersionId);
