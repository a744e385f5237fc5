using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Platform;
using EmrStudio.SessionMappingHandler.Runtime;


namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>
/// Decides, before anything is done, whether an event is one CloudFormation could have sent this function and still
/// waits for: its ResponseURL (<see cref="ResponseUrlPolicy"/>), its StackId (<see cref="StackIdPolicy"/>) and its age
/// (<see cref="EventAge"/>), in that order. A refused event never reaches the provider.
/// </summary>
internal sealed class EventAdmission
{
    private readonly ResponseUrlPolicy _responseUrls;
    private readonly StackIdPolicy _stacks;
    private readonly TimeProvider _time;

    public EventAdmission(ResponseUrlPolicy responseUrls, StackIdPolicy stacks, TimeProvider time)
    {
        _responseUrls = responseUrls;
        _stacks = stacks;
        _time = time;
    }

    /// <summary>The admission the function's environment configures.</summary>
    /// <exception cref="InvalidOperationException">A trust variable is malformed; the message names it.</exception>
    public static EventAdmission FromEnvironment(IEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new EventAdmission(
            ResponseUrlPolicy.FromVariable(environment.GetVariable(ResponseUrlPolicy.TrustedHostsVariable)),
            StackIdPolicy.FromVariable(environment.GetVariable(StackIdPolicy.TrustedAccountsVariable)),
            time);
    }

    /// <summary>Null when the event may be acted on.</summary>
    public EventRefusal? Check(CloudFormationRequest request, InvocationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var function = InvokedFunction(context.InvokedFunctionArn);
        var partition = function is null ? null : AwsPartition.ByName(function.Partition);

        if (_responseUrls.Refusal(request.ResponseUrl, partition) is { } url)
        {
            return new EventRefusal("ResponseURL", $"The event's ResponseURL is not one CloudFormation would send: {url}", CanAnswer: false);
        }

        if (_stacks.Refusal(request.StackId, function) is { } stack)
        {
            return new EventRefusal("StackId", stack, CanAnswer: true);
        }

        return EventAge.Refusal(request, _time.GetUtcNow()) is { } age ? new EventRefusal("EventAge", age, CanAnswer: true) : null;
    }

    /// <summary><c>arn:&lt;partition&gt;:lambda:&lt;region&gt;:&lt;account&gt;:function:&lt;name&gt;[:qualifier]</c>, or null.</summary>
    private static Arn? InvokedFunction(string? functionArn)
    {
        var arn = Arn.TryParse(functionArn);
        return arn is { Service: "lambda" } && arn.Region.Length > 0 && Arn.IsAccountId(arn.Account)
            && arn.Resource.StartsWith("function:", StringComparison.Ordinal) && AwsPartition.ByName(arn.Partition) is not null
            ? arn
            : null;
    }
}
