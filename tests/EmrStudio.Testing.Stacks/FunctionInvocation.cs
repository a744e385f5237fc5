using EmrStudio.Testing.Runtime;
using EmrStudio.Testing.Scenarios;

namespace EmrStudio.Testing.Stacks;

/// <summary>
/// One invocation of a simulated function outside any stack operation (a schedule's, or an event delivered again):
/// the runtime's result, and the lines its execution environment printed from the invocation on.
/// </summary>
public sealed class FunctionInvocation
{
    private readonly BootstrapProcessRunner _runner;
    private readonly int _firstLine;

    internal FunctionInvocation(string functionName, string body, RuntimeResult result, BootstrapProcessRunner runner, int firstLine)
    {
        FunctionName = functionName;
        Body = body;
        Result = result;
        _runner = runner;
        _firstLine = firstLine;
    }

    public string FunctionName { get; }

    /// <summary>The event the function was given.</summary>
    public string Body { get; }

    /// <summary>What the function posted to its Runtime API for the invocation.</summary>
    public RuntimeResult Result { get; }

    /// <summary>The first line, printed since the invocation began, that contains <paramref name="text"/>, once it has arrived.</summary>
    public Task<string> WaitForLogLineAsync(string text, TimeSpan timeout) =>
        _runner.WaitForLineAsync(_firstLine, line => line.Contains(text, StringComparison.Ordinal), timeout);

    public override string ToString() => $"{FunctionName} {(Result.IsError ? "error" : "ok")}: {Result.Body}";
}
