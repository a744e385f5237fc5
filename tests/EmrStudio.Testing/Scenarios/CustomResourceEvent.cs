namespace EmrStudio.Testing.Scenarios;

/// <summary>One event to hand to the handler through the fake Runtime API.</summary>
/// <param name="Body">The event exactly as Lambda would deliver it (usually JSON, but any text).</param>
/// <param name="LambdaRequestId">The Runtime API's request id, under which the handler posts its result.</param>
/// <param name="ResponseUrl">The receiver's URL the event carries, or null when it carries none of the receiver's.</param>
/// <param name="ExpectsAnswer">True when the handler can and must answer CloudFormation (exactly once).</param>
public sealed record CustomResourceEvent(string Body, string LambdaRequestId, string? ResponseUrl, bool ExpectsAnswer);
