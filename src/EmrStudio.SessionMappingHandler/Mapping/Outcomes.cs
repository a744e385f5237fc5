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
}
