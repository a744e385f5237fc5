using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.Runtime;
using EmrStudio.Testing.Stacks.Lambda;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>
/// A custom resource backed by a simulated function running the published bootstrap: each request goes to the
/// function's execution environment through its Runtime API, exactly as CloudFormation sends it, and the answer is
/// awaited at the ResponseURL for at most the resource's ServiceTimeout (capped for tests). No answer fails the
/// resource. Invoking a function whose asynchronous retries may still be on is recorded as a violation. A ServiceToken
/// of another account goes to that account's custom resources when the accounts are connected.
/// </summary>
internal sealed class CustomResourceHandler(
    SimulatedLambda lambda,
    ResponseUrlReceiver receiver,
    SimulatorOptions options,
    Func<string, JsonObject, Task<LambdaExecutionEnvironment>> startEnvironment,
    Action<string> violation,
    Action<CustomResourceExchange> exchanged,
    Func<string, CustomResourceHandler?> otherAccount) : IResourceHandler
{
    private const int DefaultServiceTimeoutSeconds = 3600;
    private const int DefaultFunctionTimeoutSeconds = 3;

    /// <summary>How long past its deadline an invocation may take to post its result before its environment is given up.</summary>
    private static readonly TimeSpan ResultGrace = TimeSpan.FromSeconds(5);

    public Task<ResourceOutcome> CreateAsync(ResourceRequest request) =>
        OtherAccountOf(request, out var other) ? other.CreateAsync(request) : SendAsync("Create", request);

    public Task<ResourceOutcome> UpdateAsync(ResourceRequest request) =>
        OtherAccountOf(request, out var other) ? other.UpdateAsync(request) : SendAsync("Update", request);

    public Task<ResourceOutcome> DeleteAsync(ResourceRequest request) =>
        OtherAccountOf(request, out var other) ? other.DeleteAsync(request) : SendAsync("Delete", request);

    public bool RequiresReplacement(JsonObject oldProperties, JsonObject newProperties) => false;

    private async Task<ResourceOutcome> SendAsync(string requestType, ResourceRequest request)
    {
        var serviceToken = request.Properties["ServiceToken"]?.GetValue<string>()
            ?? throw new NotSupportedException($"{request.LogicalId}: a custom resource without a ServiceToken.");
        var functionName = FunctionNameOf(serviceToken);
        var function = AccountOf(serviceToken) == options.AccountId ? lambda.Function(functionName) : null;
        if (function is null)
        {
            return ResourceOutcome.Failure($"Invalid service token: {serviceToken} (no such function)", request.PhysicalId);
        }

        if (function["Runtime"]?.GetValue<string>() != "provided.al2023" || function["Handler"]?.GetValue<string>() != "bootstrap")
        {
            throw new NotSupportedException($"{request.LogicalId}: {serviceToken} is not a function of the session mapping handler (provided.al2023, bootstrap).");
        }

        CheckRetriesAreOff(request, functionName);
        var requestId = Guid.NewGuid().ToString();
        var url = receiver.CreateResponseUrl(request.Stack.StackId, requestId, request.LogicalId, DateTimeOffset.UtcNow);
        var body = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ServiceToken"] = serviceToken,
            ["ResponseURL"] = url,
            ["StackId"] = request.Stack.StackId,
            ["RequestId"] = requestId,
            ["ResourceType"] = request.Type,
            ["LogicalResourceId"] = request.LogicalId,
        };
        if (requestType != "Create")
        {
            body["PhysicalResourceId"] = request.PhysicalId;
        }

        body["ResourceProperties"] = CustomResourceProperties.Stringify(request.Properties);
        if (requestType == "Update")
        {
            body["OldResourceProperties"] = CustomResourceProperties.Stringify(request.OldProperties);
        }

        var timeout = options.FunctionTimeoutOverride
            ?? TimeSpan.FromSeconds(function["Timeout"] is JsonValue seconds ? double.Parse(seconds.ToString(), CultureInfo.InvariantCulture) : DefaultFunctionTimeoutSeconds);
        var serviceTimeout = TimeSpan.FromSeconds(request.Properties["ServiceTimeout"] is JsonValue given
            ? double.Parse(given.ToString(), CultureInfo.InvariantCulture)
            : DefaultServiceTimeoutSeconds);
        var wait = serviceTimeout < options.MaxServiceTimeout ? serviceTimeout : options.MaxServiceTimeout;
        var stackStatus = request.Stack.Status;
        var environment = await lambda.AcquireAsync(functionName, startEnvironment);
        ReceivedAnswer? answer;
        var finished = false;
        try
        {
            var invocation = new RuntimeEvent
            {
                Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
                RequestId = Guid.NewGuid().ToString(),
                Deadline = DateTimeOffset.UtcNow + timeout,
                FunctionArn = lambda.FunctionArn(functionName),
            };
            environment.Runtime.Enqueue(invocation);
            try
            {
                answer = await receiver.WaitForAnswerAsync(url, wait);
            }
            catch (TimeoutException)
            {
                answer = null;
            }

            finished = await FinishedAsync(environment, invocation);
        }
        finally
        {
            lambda.Release(environment, finished);
        }

        exchanged(new CustomResourceExchange(request.Stack.Name, request.LogicalId, requestType, stackStatus, body.ToJsonString(), answer));
        foreach (var problem in receiver.ViolationsFor(url))
        {
            violation($"{request.Stack.Name}/{request.LogicalId} {requestType}: the answer broke the protocol: {problem}");
        }

        if (answer is null)
        {
            return ResourceOutcome.Failure(
                $"CloudFormation did not receive a response from your Custom Resource within its ServiceTimeout ({wait.TotalSeconds:0.#} s here). "
                + $"Handler output:\n{environment.Runner.Output}",
                request.PhysicalId);
        }

        if (answer.Status != "SUCCESS")
        {
            return ResourceOutcome.Failure(answer.Reason ?? "FAILED without a reason", answer.PhysicalResourceId ?? request.PhysicalId);
        }

        var attributes = new JsonObject();
        foreach (var (key, value) in answer.Data ?? new Dictionary<string, string>())
        {
            attributes[key] = value;
        }

        return ResourceOutcome.Success(answer.PhysicalResourceId!, attributes: attributes);
    }

    /// <summary>
    /// Whether the environment ended the invocation (posted its result) by the invocation's deadline, give or take a
    /// moment: only then may it take the next one, since an environment runs one invocation at a time.
    /// </summary>
    private static async Task<bool> FinishedAsync(LambdaExecutionEnvironment environment, RuntimeEvent invocation)
    {
        var left = invocation.Deadline - DateTimeOffset.UtcNow;
        try
        {
            await environment.Runtime.WaitForResultAsync(invocation.RequestId, (left > TimeSpan.Zero ? left : TimeSpan.Zero) + ResultGrace);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void CheckRetriesAreOff(ResourceRequest request, string functionName)
    {
        var config = lambda.InvokeConfig(functionName);
        if (config is null || config["MaximumRetryAttempts"]?.ToString() != "0")
        {
            violation($"{request.Stack.Name}/{request.LogicalId} invoked {functionName} while no EventInvokeConfig with MaximumRetryAttempts 0 existed for it: Lambda may run the event up to 3 times.");
            return;
        }

        // CloudFormation runs independent resources at the same time: only a dependency guarantees the order.
        var sameStackConfig = request.Stack.Resources.Values.FirstOrDefault(resource =>
            resource.Type == "AWS::Lambda::EventInvokeConfig" && EventInvokeConfigHandler.FunctionNameOf(resource.Properties) == functionName);
        if (sameStackConfig is not null && request.Graph is { } graph && graph.Order.Contains(sameStackConfig.LogicalId)
            && !graph.DependsOn(request.LogicalId, sameStackConfig.LogicalId))
        {
            violation($"{request.Stack.Name}/{request.LogicalId} does not depend on {sameStackConfig.LogicalId}: CloudFormation may invoke {functionName} for it before the EventInvokeConfig that turns retries off exists.");
        }
    }

    /// <summary>Whether the ServiceToken names a function of a connected account, whose custom resources then answer.</summary>
    private bool OtherAccountOf(ResourceRequest request, out CustomResourceHandler other)
    {
        var account = AccountOf(request.Properties["ServiceToken"]?.GetValue<string>() ?? string.Empty);
        other = account == options.AccountId ? this : otherAccount(account)!;
        return account != options.AccountId && other is not null;
    }

    private static string AccountOf(string serviceToken) => serviceToken.Split(':') is { Length: >= 7 } parts ? parts[4] : string.Empty;

    private static string FunctionNameOf(string serviceToken)
    {
        var parts = serviceToken.Split(':');
        return parts.Length >= 7 && parts[2] == "lambda" && parts[5] == "function"
            ? parts[6]
            : throw new NotSupportedException($"ServiceToken {serviceToken} is not a Lambda function ARN (SNS topics are not simulated).");
    }
}
