using EmrStudio.Testing.Scenarios;


namespace EmrStudio.SessionMappingHandler.Tests.Scenarios;

/// <summary>The scenarios against the composition root, in this process.</summary>
public sealed class InProcessSessionMappingScenarios : SessionMappingScenarios
{
    protected override IHandlerRunner CreateRunner() => new InProcessRunner();
}
