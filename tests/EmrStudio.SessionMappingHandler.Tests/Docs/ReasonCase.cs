using EmrStudio.SessionMappingHandler.Tests.TestDoubles;

namespace EmrStudio.SessionMappingHandler.Tests.Docs;

/// <summary>One way to make the handler answer FAILED: <see cref="Produce"/> sets up a fresh rig, sends the event and returns the Reason.</summary>
internal sealed record ReasonCase(string Name, Func<HandlerRig, Task<string>> Produce)
{
    public override string ToString() => Name;
}
