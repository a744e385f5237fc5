using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Scenarios;

namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>The record scenarios against the composition root, in this process.</summary>
public sealed class InProcessRecordedScenarios(DynaliteFixture dynalite) : RecordedScenarios(dynalite)
{
    protected override IHandlerRunner CreateRunner() => new InProcessRunner();
}
