using EmrStudio.SessionMappingHandler.Tests.Scenarios;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Scenarios;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>The record scenarios against the published Native AOT executable.</summary>
[Collection(PublishedBootstrapCollection.Name)]
public sealed class PublishedBootstrapRecordedScenarios(PublishedBootstrap published, DynaliteFixture dynalite) : RecordedScenarios(dynalite)
{
    protected override IHandlerRunner CreateRunner() => new BootstrapProcessRunner(published.RequireExecutable());
}
