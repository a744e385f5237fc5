using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Runtime;

namespace EmrStudio.Testing.Scenarios;

/// <summary>
/// What one event led to: the runtime result, and every answer and contract violation at its ResponseURL.
/// <see cref="HandlerOutput"/> reads the handler's log when a failure message needs it.
/// </summary>
public sealed record ScenarioExchange(
    CustomResourceEvent Event,
    RuntimeResult Result,
    IReadOnlyList<ReceivedAnswer> Answers,
    IReadOnlyList<string> Violations,
    Func<string> HandlerOutput)
{
    /// <summary>The one answer CloudFormation got; throws, naming what arrived instead, when it is not exactly one.</summary>
    public ReceivedAnswer Answer => Answers.Count == 1 && Violations.Count == 0
        ? Answers[0]
        : throw new InvalidOperationException(
            $"Expected exactly one answer and no violations for {Event.LambdaRequestId}; got {Answers.Count} answer(s) "
            + $"and violations [{string.Join("; ", Violations)}]. Runtime result: {(Result.IsError ? "error" : "response")} {Result.Body}\n"
            + $"Handler output:\n{HandlerOutput()}");
}
