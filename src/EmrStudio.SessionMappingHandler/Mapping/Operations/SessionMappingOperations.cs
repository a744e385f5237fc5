using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.StackStatus;





namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// The EMR Studio session mapping behind <c>Custom::EmrStudioSessionMapping</c>: dispatches each event to its
/// operation and turns whatever goes wrong into a FAILED outcome with the right PhysicalResourceId, because an
/// exception here would leave CloudFormation waiting for an answer.
/// </summary>
internal sealed class SessionMappingOperations : ICustomResourceProvider
{
    private readonly IEmrClient _emr;
    private readonly IStackStatusReader _stacks;
    private readonly ILog _log;
    private readonly TimeProvider _time;

    public SessionMappingOperations(IEmrClient emr, IStackStatusReader stacks, ILog log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(emr);
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        _emr = emr;
        _stacks = stacks;
        _log = log;
        _time = time;
    }

    public async Task<CustomResourceOutcome> ExecuteAsync(CloudFormationRequest request, TimeSpan cleanupAllowance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recorder = new RecordingEmrClient(_emr);
        var fallbackId = PhysicalResourceIds.FallbackFor(request);
        MappingResult result;
        try
        {
            var creator = new MappingCreator(recorder, _log, _time, cleanupAllowance);
            var takeover = new MappingTakeover(recorder, _log);
            result = request.RequestType switch
            {
                "Create" => await new CreateOperation(recorder, creator, takeover).ExecuteAsync(request, cancellationToken),
                "Update" => await new UpdateOperation(recorder, creator, takeover, _stacks).ExecuteAsync(request, fallbackId, cancellationToken),
                "Delete" => await new DeleteOperation(recorder).ExecuteAsync(request, fallbackId, cancellationToken),
                _ => UnknownRequestType(request, fallbackId),
            };
        }
        catch (Exception error)
        {
            _log.Write(LogLevel.Error, "Session mapping event failed unexpectedly", new KeyValuePair<string, object?>("error", ReasonText.Describe(error)));
            result = MappingResult.Failed(
                MappingAction.Failed, fallbackId, $"{ReasonText.Echo(request.RequestType)} failed: {ReasonText.Describe(error)}");
        }

        return result.Outcome with { LogFields = recorder.ToLogFields(result.Action, result.StackStatus) };
    }

    private static MappingResult UnknownRequestType(CloudFormationRequest request, string fallbackId) =>
        MappingResult.Failed(
            MappingAction.UnknownRequestType,
            fallbackId, $"Unknown RequestType '{ReasonText.Echo(request.RequestType)}': expected Create, Update or Delete");
}
