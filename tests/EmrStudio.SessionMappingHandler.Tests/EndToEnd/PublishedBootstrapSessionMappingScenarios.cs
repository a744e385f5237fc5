using EmrStudio.SessionMappingHandler.Tests.Scenarios;
using EmrStudio.Testing;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Scenarios;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>The scenarios against the published Native AOT executable, run as Lambda runs it.</summary>
[Collection(PublishedBootstrapCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class PublishedBootstrapSessionMappingScenarios : SessionMappingScenarios
{
    private readonly PublishedBootstrap _published;

    public PublishedBootstrapSessionMappingScenarios(PublishedBootstrap published) => _published = published;

    protected override IHandlerRunner CreateRunner() => new BootstrapProcessRunner(_published.RequireExecutable());
}
