using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>Plays <see cref="TestGate"/>: every operation waits at its gate in <see cref="TestGates"/>, then succeeds.</summary>
internal sealed class TestGateHandler(TestGates gates) : IResourceHandler
{
    public const string Type = TestGate.Type;

    public async Task<ResourceOutcome> CreateAsync(ResourceRequest request)
    {
        await gates.PassAsync(request.LogicalId);
        return ResourceOutcome.Success(PhysicalNames.Generate(request.Stack.Name, request.LogicalId, 64));
    }

    public async Task<ResourceOutcome> UpdateAsync(ResourceRequest request)
    {
        await gates.PassAsync(request.LogicalId);
        return ResourceOutcome.Success(request.PhysicalId!);
    }

    public async Task<ResourceOutcome> DeleteAsync(ResourceRequest request)
    {
        await gates.PassAsync(request.LogicalId);
        return ResourceOutcome.Success(request.PhysicalId!);
    }

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => false;
}
