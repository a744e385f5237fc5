using Xunit;

namespace EmrStudio.CodePublisher.Tests.TestDoubles;

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
