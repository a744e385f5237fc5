using EmrStudio.Testing.Emulators;

namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>One s3rver for the tests of a collection; each test puts its own <see cref="S3.S3Front"/> and bucket prefix on it.</summary>
public sealed class S3rverFixture : IDisposable
{
    public S3rverFixture() => S3rver = S3rver.Start();

    public S3rver S3rver { get; }

    public void Dispose() => S3rver.Dispose();
}
