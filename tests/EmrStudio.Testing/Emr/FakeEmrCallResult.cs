using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Emr;

/// <summary>The outcome of an operation performed on the fake's state without HTTP (<see cref="FakeEmr.Call"/>).</summary>
public sealed record FakeEmrCallResult(int StatusCode, string? ErrorType, string? Message, JsonObject Output)
{
    public bool Succeeded => StatusCode == 200;
}
