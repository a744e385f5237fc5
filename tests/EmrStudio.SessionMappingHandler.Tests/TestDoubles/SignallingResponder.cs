using EmrStudio.SessionMappingHandler.CustomResource.Answer;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// Hands every answer to the real responder and signals when the first delivery has ended, delivered or not, so that a
/// test moves its clock only once the answer is settled and cannot cut a delivery short by moving it early.
/// </summary>
internal sealed class SignallingResponder : ICloudFormationResponder
{
    private readonly ICloudFormationResponder _inner;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SignallingResponder(ICloudFormationResponder inner)
    {
        _inner = inner;
    }

    /// <summary>Completes once the first delivery has returned or thrown.</summary>
    public Task WaitForDeliveryEndAsync() => _ended.Task.Guarded();

    public async Task SendAsync(string responseUrl, CloudFormationResponse response, CancellationToken cancellationToken)
    {
        try
        {
            await _inner.SendAsync(responseUrl, response, cancellationToken);
        }
        finally
        {
            _ended.TrySetResult();
        }
    }
}
