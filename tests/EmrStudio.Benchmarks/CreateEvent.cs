namespace EmrStudio.Benchmarks;

/// <summary>A CloudFormation Create as Lambda delivers it: the body, Lambda's request id, and where the answer goes.</summary>
internal sealed record CreateEvent(string Body, string LambdaRequestId, string ResponseUrl);
