using EmrStudio.Testing.Publishing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>Every test class that runs the published executable: one publish for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedBootstrapCollection : ICollectionFixture<PublishedBootstrap>
{
    public const string Name = "Published bootstrap";
}
