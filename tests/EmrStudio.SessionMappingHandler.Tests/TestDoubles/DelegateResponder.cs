using EmrStudio.SessionMappingHandler.CustomResource.Answer;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A responder whose behaviour a test writes, for failures the real one cannot be made to produce.</summary>
internal sealed class DelegateResponder : ICloudFormationResponder
{
    private readonly Func<string, CloudFormationResponse, CancellationToken, Task> _send;

    public DelegateResponder(Func<string, CloudFormationResponse, CancellationToken, Task> send)
    {
        _send = send;
    }

    public Task SendAsync(string responseUrl, CloudFormationResponse response, CancellationToken cancellationToken) =>
        _send(responseUrl, response, cancellationToken);
}
