using EmrStudio.SessionMappingHandler.CloudFormation;

namespace EmrStudio.SessionMappingHandler.Mapping;

internal static class Outcomes
{
    public static CustomResourceOutcome Success(
        string physicalResourceId, Dictionary<string, string>? data = null, Func<CancellationToken, Task>? undoIfUndelivered = null) =>
        new()
        {
            Status = ResponseStatus.Success,
            PhysicalResourceId = physicalResourceId,
            Data = data,
            UndoIfUndelivered = undoIfUndelivered,
        };

    public static CustomResourceOutcome Failed(string physicalResourceId, string reason) => new()
    {
        Status = ResponseStatus.Failed,
        PhysicalResourceId = physicalResourceId,
        Reason = reason,
    };

    /// <summary>The same outcome with the event's log fields attached.</summary>
    public static CustomResourceOutcome WithLogFields(CustomResourceOutcome outcome, IReadOnlyDictionary<string, object?> fields) => new()
    {
        Status = outcome.Status,
        Reason = outcome.Reason,
        PhysicalResourceId = outcome.PhysicalResourceId,
        Data = outcome.Data,
        UndoIfUndelivered = outcome.UndoIfUndelivered,
        LogFields = fields,
    };
}
