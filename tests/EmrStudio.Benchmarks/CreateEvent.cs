namespace EmrStudio.Benchmarks;

/// <summary>
/// A CloudFormation Create as Lambda delivers it: the body, Lambda's request id, where the answer goes, and the group
/// it maps (unique per event, so that the EMR fake's record of this event's calls can be told from every other's).
/// </summary>
internal sealed record CreateEvent(string Body, string LambdaRequestId, string ResponseUrl, string GroupName);
