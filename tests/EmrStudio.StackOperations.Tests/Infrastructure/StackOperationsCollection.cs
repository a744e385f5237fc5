using EmrStudio.Testing.Publishing;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>Every test that runs stacks on the published bootstrap: one publish (or one reuse of another process's) for all.</summary>
[CollectionDefinition(Name)]
public sealed class StackOperationsCollection : ICollectionFixture<PublishedBootstrap>
{
    public const string Name = "Stack operations on the published bootstrap";
}
