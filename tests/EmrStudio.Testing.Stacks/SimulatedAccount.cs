using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EmrStudio.Testing.CloudFormation;
using EmrStudio.Testing.CloudFormationApi;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Emulators;
using EmrStudio.Testing.Iam;
using EmrStudio.Testing.Runtime;
using EmrStudio.Testing.SecurityToken;
using EmrStudio.Testing.Stacks.DynamoDb;
using EmrStudio.Testing.Stacks.Iam;
using EmrStudio.Testing.Stacks.Lambda;
using EmrStudio.Testing.Stacks.Operations;
using EmrStudio.Testing.Stacks.Resources;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Testing.Stacks;

/// <summary>
/// One AWS account and region as a test sees it: CloudFormation stacks played by CloudFormation's rules, their IAM
/// and Lambda resources as state, custom resources answered by the published bootstrap in per-function execution
/// environments, and the fakes that bootstrap talks to (EMR, CloudFormation's DescribeStacks, the ResponseURLs),
/// every EMR, CloudFormation and DynamoDB call authorized against the calling function's role as the stacks have it at
/// that moment. DynamoDB tables live on a dynalite started when first needed. Stack operations run one at a time;
/// within one, independent resources are provisioned at once (<see cref="SimulatorOptions.MaxConcurrentResourceOperations"/>).
/// </summary>
public sealed class SimulatedAccount : IAsyncDisposable, IAccessAuthorizer
{
    /// <summary>The handler's variable naming its record table; a function that has it is pointed at the account's DynamoDB.</summary>
    private const string RecordTableVariable = "EMRSTUDIO_RECORD_TABLE";

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _operations = new(1, 1);
    private readonly List<SimulatedStack> _stacks = [];
    private readonly Dictionary<string, (string Stack, string Value)> _exports = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private readonly List<CustomResourceExchange> _exchanges = [];
    private readonly Dictionary<string, SimulatedAccount> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeAssumedRole> _assumedRoles = new(StringComparer.Ordinal);
    private readonly SimulatedIam _iam;
    private readonly SimulatedLambda _lambda;
    private readonly Dictionary<string, IResourceHandler> _handlers;
    private readonly CustomResourceHandler _customResources;
    private readonly string _bootstrapExecutable;
    // One dynalite serves every simulated account of the test process (an organization has dozens): tables get
    // generated names with a random suffix, so accounts never meet, and each account's gate authorizes its own calls.
    // It ends with the test process.
    private static readonly Lazy<Dynalite> SharedDynamoDb = new(Dynalite.Start);
    private int _environmentCount;

    private SimulatedAccount(string bootstrapExecutable, SimulatorOptions options)
    {
        _bootstrapExecutable = bootstrapExecutable;
        Options = options;
        _iam = new SimulatedIam(options.AccountId);
        _lambda = new SimulatedLambda(options.Region, options.AccountId);
        CloudFormation = new FakeCloudFormation(Describe) { Authorizer = this, AccountId = options.AccountId, Region = options.Region };
        DynamoDbGate = new DynamoDbGate(() => DynamoDb) { Authorizer = this, AccountId = options.AccountId, Region = options.Region };
        SecurityToken = new FakeSecurityToken(DistrustOf, AcceptAssumedRole) { Authorizer = this, AccountId = options.AccountId, Region = options.Region };
        Emr.Authorizer = this;
        Emr.AccountId = options.AccountId;
        Emr.ServiceRegion = options.Region;
        _customResources = new CustomResourceHandler(_lambda, Receiver, options, StartEnvironmentAsync, AddViolation, AddExchange, CustomResourcesOf);
        _handlers = new(StringComparer.Ordinal)
        {
            ["AWS::IAM::Role"] = new IamRoleHandler(_iam),
            ["AWS::IAM::Policy"] = new IamPolicyHandler(_iam),
            ["AWS::IAM::ManagedPolicy"] = new IamManagedPolicyHandler(_iam),
            ["AWS::Lambda::Function"] = new LambdaFunctionHandler(_lambda, _iam),
            ["AWS::Lambda::EventInvokeConfig"] = new EventInvokeConfigHandler(_lambda),
            ["AWS::Logs::LogGroup"] = new StatelessResourceHandler("AWS::Logs::LogGroup"),
            ["AWS::Lambda::Permission"] = new StatelessResourceHandler("AWS::Lambda::Permission"),
            ["AWS::CDK::Metadata"] = new StatelessResourceHandler("AWS::CDK::Metadata"),
            [DynamoDbTableHandler.Type] = new DynamoDbTableHandler(() => DynamoDb, name => DynamoDbGate.TableArn(name)),
            ["AWS::Events::Rule"] = new StatelessResourceHandler("AWS::Events::Rule"),
            [TestFailureHandler.Type] = new TestFailureHandler(),
            [TestGateHandler.Type] = new TestGateHandler(Gates),
            [NativeSessionMappingHandler.Type] = new NativeSessionMappingHandler(Emr),
            [AwsCustomResourceHandler.Type] = new AwsCustomResourceHandler(Emr),
        };
    }

    public SimulatorOptions Options { get; }

    public FakeEmr Emr { get; } = new();

    /// <summary>The gates of the stacks' <see cref="TestGate"/> resources.</summary>
    public TestGates Gates { get; } = new();

    public FakeCloudFormation CloudFormation { get; }

    /// <summary>STS as the account's functions reach it: AssumeRole into roles of this account and of its <see cref="Connect">connected</see> accounts.</summary>
    public FakeSecurityToken SecurityToken { get; }

    public ResponseUrlReceiver Receiver { get; } = new();

    /// <summary>The DynamoDB of the simulated accounts, started when first needed: its tables are the stacks' AWS::DynamoDB::Table resources.</summary>
    public Dynalite DynamoDb => SharedDynamoDb.Value;

    /// <summary>DynamoDB as the functions reach it: <see cref="DynamoDb"/> behind IAM.</summary>
    public DynamoDbGate DynamoDbGate { get; }

    /// <summary>Every custom-resource event sent to the bootstrap, in order, with its answer.</summary>
    public IReadOnlyList<CustomResourceExchange> Exchanges
    {
        get
        {
            lock (_lock)
            {
                return [.. _exchanges];
            }
        }
    }

    /// <summary>
    /// Everything that went against the rules on the way: the simulator's own findings (a function invoked while its
    /// retries may be on), answers that broke the protocol, requests EMR refused as malformed or unsigned, calls that
    /// could not be authorized, and invocation errors the bootstrap reported to the Runtime API.
    /// </summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            List<string> all;
            lock (_lock)
            {
                all = [.. _violations];
            }

            all.AddRange(Emr.Rejections.Select(rejection => $"EMR refused a {rejection.Request.Operation} call: {rejection.StatusCode} {rejection.ErrorType} {rejection.Message}"));
            all.AddRange(Emr.AuthorizationFailures);
            all.AddRange(CloudFormation.AuthorizationFailures);
            all.AddRange(SecurityToken.AuthorizationFailures);
            all.AddRange(DynamoDbGate.Rejections);
            all.AddRange(DynamoDbGate.AuthorizationFailures);
            foreach (var environment in _lambda.AllEnvironments)
            {
                all.AddRange(environment.Runtime.Results.Where(result => result.IsError).Select(result => $"{environment.FunctionName} reported an invocation error: {result.Body}"));
                all.AddRange(environment.Runtime.InitErrors.Select(result => $"{environment.FunctionName} reported an init error: {result.Body}"));
            }

            return all;
        }
    }

    /// <summary>What every execution environment's bootstrap printed, for failure messages.</summary>
    public string HandlerOutput => string.Join("\n", _lambda.AllEnvironments.Select(environment => $"--- {environment.FunctionName} ({environment.AccessKeyId}) ---\n{environment.Runner.Output}"));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The account owns its fakes and disposes them, on failure too.")]
    public static async Task<SimulatedAccount> StartAsync(string bootstrapExecutable, SimulatorOptions? options = null)
    {
        var account = new SimulatedAccount(bootstrapExecutable, options ?? new SimulatorOptions());
        try
        {
            await account.Emr.StartAsync();
            await account.CloudFormation.StartAsync();
            await account.SecurityToken.StartAsync();
            await account.Receiver.StartAsync();
            await account.DynamoDbGate.StartAsync();
        }
        catch
        {
            await account.DisposeAsync();
            throw;
        }

        return account;
    }

    /// <summary>Every stack that is not deleted, in the order they were created.</summary>
    public IReadOnlyList<SimulatedStack> Stacks => LiveStacks();

    /// <summary>The live stack named <paramref name="name"/>.</summary>
    public SimulatedStack Stack(string name) =>
        FindLive(name) ?? throw new KeyNotFoundException($"No stack named {name}.");

    /// <summary>Creates the stack, or updates it when it exists: what <c>aws cloudformation deploy</c> does.</summary>
    public async Task<StackOperationResult> DeployAsync(string stackName, CloudFormationTemplate template, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        await _operations.WaitAsync();
        try
        {
            var stack = FindLive(stackName);
            if (stack is not null && (stack.Status is StackStatuses.RollbackComplete || StackStatuses.IsFailed(stack.Status)))
            {
                throw new InvalidOperationException($"Stack {stackName} is in {stack.Status} state and can not be updated.");
            }

            var runner = new StackOperationRunner(this);
            if (stack is null)
            {
                stack = new SimulatedStack(stackName, Options.Region, Options.AccountId);
                lock (_lock)
                {
                    _stacks.Add(stack);
                }

                var start = stack.EventCount;
                await runner.CreateAsync(stack, template, parameters ?? new Dictionary<string, string>());
                return new StackOperationResult(stackName, "create", stack.Status, stack.EventsSince(start));
            }

            var from = stack.EventCount;
            await runner.UpdateAsync(stack, template, parameters ?? new Dictionary<string, string>());
            return new StackOperationResult(stackName, "update", stack.Status, stack.EventsSince(from));
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <summary>Deletes the stack; refused, as CloudFormation refuses it, while another stack imports one of its exports.</summary>
    public async Task<StackOperationResult> DeleteStackAsync(string stackName)
    {
        await _operations.WaitAsync();
        try
        {
            var stack = Stack(stackName);
            var importer = LiveStacks().FirstOrDefault(other => other != stack && other.Imports.Any(stack.Exports.ContainsKey));
            if (importer is not null)
            {
                throw new InvalidOperationException($"Export of stack {stackName} cannot be deleted as it is in use by {importer.Name}.");
            }

            var start = stack.EventCount;
            await new StackOperationRunner(this).DeleteAsync(stack);
            return new StackOperationResult(stackName, "delete", stack.Status, stack.EventsSince(start));
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <summary>
    /// Makes this account and <paramref name="other"/> (another account id, same region) reach each other as accounts
    /// of one partition do: a stack of either may name a function of the other as its ServiceToken, and a function
    /// of either may assume a role of the other that trusts it, then read the other's stacks through its own
    /// CloudFormation endpoint with those credentials. Whether the caller may invoke the function is not checked.
    /// </summary>
    public void Connect(SimulatedAccount other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Options.AccountId == Options.AccountId || other.Options.Region != Options.Region)
        {
            throw new ArgumentException("Only accounts with other ids in the same region are connected.", nameof(other));
        }

        lock (_lock)
        {
            _peers[other.Options.AccountId] = other;
        }

        lock (other._lock)
        {
            other._peers[Options.AccountId] = this;
        }
    }
    /// <summary>
    /// Plays one firing of the stack's AWS::Events::Rule <paramref name="ruleLogicalId"/>, as EventBridge does: each
    /// target function gets the target's Input as its event, in an execution environment of the function, and only if
    /// the rule is enabled and a permission lets events.amazonaws.com invoke the function from that rule. Runs beside
    /// any stack operation in progress, as a schedule does.
    /// </summary>
    public async Task<IReadOnlyList<FunctionInvocation>> InvokeScheduledAsync(string stackName, string ruleLogicalId)
    {
        var stack = Stack(stackName);
        var rule = stack.Resource(ruleLogicalId);
        if (rule.Type != "AWS::Events::Rule")
        {
            throw new ArgumentException($"{stackName}/{ruleLogicalId} is a {rule.Type}, not an AWS::Events::Rule.", nameof(ruleLogicalId));
        }

        if (rule.Properties["State"]?.GetValue<string>() is { } state && state != "ENABLED")
        {
            return [];
        }

        var ruleArn = rule.Attributes["Arn"]?.GetValue<string>() ?? throw new InvalidOperationException($"{ruleLogicalId} has no Arn.");
        var invocations = new List<FunctionInvocation>();
        foreach (var target in rule.Properties["Targets"]?.AsArray() ?? [])
        {
            var functionArn = target!["Arn"]!.GetValue<string>();
            var permitted = LiveStacks().SelectMany(s => s.Resources.Values).Any(resource =>
                resource.Type == "AWS::Lambda::Permission"
                && resource.Properties["Principal"]?.GetValue<string>() == "events.amazonaws.com"
                && resource.Properties["SourceArn"]?.GetValue<string>() == ruleArn
                && resource.Properties["FunctionName"]?.GetValue<string>() is { } function
                && (function == functionArn || _lambda.FunctionArn(function) == functionArn));
            if (!permitted)
            {
                AddViolation($"{stackName}/{ruleLogicalId} fired, and no AWS::Lambda::Permission lets events.amazonaws.com invoke {functionArn} from {ruleArn}.");
                continue;
            }

            invocations.Add(await InvokeAsync(functionArn[(functionArn.LastIndexOf(':') + 1)..], target["Input"]?.GetValue<string>() ?? "{}"));
        }

        return invocations;
    }

    /// <summary>
    /// Invokes the function with <paramref name="body"/> as its event, in one of its execution environments, and
    /// returns once the function posted its result: an event delivered again, or one no stack operation sends.
    /// </summary>
    public async Task<FunctionInvocation> InvokeAsync(string functionName, string body)
    {
        var function = _lambda.Function(functionName) ?? throw new KeyNotFoundException($"Function not found: {_lambda.FunctionArn(functionName)}");
        var timeout = Options.FunctionTimeoutOverride
            ?? TimeSpan.FromSeconds(function["Timeout"] is JsonValue seconds ? double.Parse(seconds.ToString(), CultureInfo.InvariantCulture) : 3);
        var environment = await _lambda.AcquireAsync(functionName, StartEnvironmentAsync);
        var finished = false;
        try
        {
            var firstLine = environment.Runner.LineCount;
            var invocation = new RuntimeEvent
            {
                Body = Encoding.UTF8.GetBytes(body),
                RequestId = Guid.NewGuid().ToString(),
                Deadline = DateTimeOffset.UtcNow + timeout,
                FunctionArn = _lambda.FunctionArn(functionName),
            };
            environment.Runtime.Enqueue(invocation);
            // Past the deadline Lambda ends the invocation; a moment's grace for the result already on its way.
            var result = await environment.Runtime.WaitForResultAsync(invocation.RequestId, timeout + TimeSpan.FromSeconds(5));
            finished = true;
            return new FunctionInvocation(functionName, body, result, environment.Runner, firstLine);
        }
        finally
        {
            _lambda.Release(environment, finished);
        }
    }
    /// <summary>
    /// IAM's decision for a call made with an execution environment's credentials, by its function's role as of now,
    /// or with credentials of a role that function assumed, by that role (of whichever account) as of now.
    /// </summary>
    public AccessDecision Authorize(string accessKeyId, string action, string resource)
    {
        FakeAssumedRole? assumed;
        lock (_lock)
        {
            assumed = _assumedRoles.GetValueOrDefault(accessKeyId);
        }

        if (assumed is not null)
        {
            var owner = AccountOf(assumed.RoleArn)
                ?? throw new KeyNotFoundException($"The role {assumed.RoleArn} is in no simulated account.");
            return PolicyEvaluator.Evaluate(owner._iam.SessionOf(assumed.RoleArn, assumed.SessionName), action, resource);
        }

        var function = _lambda.FunctionOfAccessKey(accessKeyId)
            ?? throw new KeyNotFoundException($"The access key {accessKeyId} belongs to no simulated function.");
        var properties = _lambda.Function(function)
            ?? throw new KeyNotFoundException($"The function {function} that {accessKeyId} belongs to no longer exists.");
        var roleArn = properties["Role"]?.GetValue<string>() ?? throw new KeyNotFoundException($"The function {function} has no role.");
        return PolicyEvaluator.Evaluate(_iam.SessionOf(roleArn, function), action, resource);
    }

    public async ValueTask DisposeAsync()
    {
        await _lambda.DisposeAsync();
        await Receiver.DisposeAsync();
        await CloudFormation.DisposeAsync();
        await SecurityToken.DisposeAsync();
        await Emr.DisposeAsync();
        await DynamoDbGate.DisposeAsync();
        _operations.Dispose();
    }

    internal IResourceHandler HandlerFor(string type)
    {
        if (type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource")
        {
            return type == AwsCustomResourceHandler.Type ? _handlers[type] : _customResources;
        }

        return _handlers.TryGetValue(type, out var handler)
            ? handler
            : throw new NotSupportedException($"The stack simulator does not simulate {type}.");
    }

    internal string? ExportValue(string name)
    {
        lock (_lock)
        {
            return _exports.TryGetValue(name, out var export) ? export.Value : null;
        }
    }

    /// <summary>Makes <paramref name="exports"/> the stack's exports; a name another stack exports fails loudly, as in CloudFormation.</summary>
    internal void PublishExports(SimulatedStack stack, IReadOnlyDictionary<string, string> exports)
    {
        lock (_lock)
        {
            foreach (var (name, export) in _exports)
            {
                if (export.Stack != stack.Name && exports.ContainsKey(name))
                {
                    throw new InvalidOperationException($"Export with name {name} is already exported by stack {export.Stack}.");
                }
            }

            foreach (var name in _exports.Where(pair => pair.Value.Stack == stack.Name).Select(pair => pair.Key).ToList())
            {
                _exports.Remove(name);
            }

            foreach (var (name, value) in exports)
            {
                _exports[name] = (stack.Name, value);
            }
        }
    }

    private FakeStackDescription? Describe(string stackName)
    {
        if (stackName.StartsWith("arn:", StringComparison.Ordinal) && AccountOf(stackName) is { } owner && owner != this)
        {
            return owner.Describe(stackName);
        }

        var stack = stackName.StartsWith("arn:", StringComparison.Ordinal)
            ? AllStacks().FirstOrDefault(candidate => candidate.StackId == stackName)
            : FindLive(stackName);
        return stack is null ? null : new FakeStackDescription(stack.Name, stack.StackId, stack.CreationTime, stack.LastUpdatedTime, stack.Status);
    }

    private SimulatedStack? FindLive(string name) => LiveStacks().FirstOrDefault(stack => stack.Name == name);

    private List<SimulatedStack> LiveStacks() => [.. AllStacks().Where(stack => stack.Status != StackStatuses.DeleteComplete)];

    private List<SimulatedStack> AllStacks()
    {
        lock (_lock)
        {
            return [.. _stacks];
        }
    }

    /// <summary>This account or a connected one, by the account field of <paramref name="arn"/>; null for any other.</summary>
    private SimulatedAccount? AccountOf(string arn)
    {
        var account = arn.Split(':') is { Length: > 4 } parts ? parts[4] : string.Empty;
        if (account == Options.AccountId)
        {
            return this;
        }

        lock (_lock)
        {
            return _peers.GetValueOrDefault(account);
        }
    }

    private CustomResourceHandler? CustomResourcesOf(string accountId)
    {
        lock (_lock)
        {
            return _peers.TryGetValue(accountId, out var peer) ? peer._customResources : null;
        }
    }

    /// <summary>The trust-policy half of AssumeRole: the caller is the role of the function whose key signed the call.</summary>
    private string? DistrustOf(string roleArn, string callerAccessKeyId)
    {
        var function = _lambda.FunctionOfAccessKey(callerAccessKeyId);
        var callerRole = function is null ? null : _lambda.Function(function)?["Role"]?.GetValue<string>();
        if (callerRole is null)
        {
            return $"the access key {callerAccessKeyId} belongs to no simulated function's role";
        }

        return AccountOf(roleArn) is { } owner
            ? owner._iam.DistrustOf(roleArn, callerRole)
            : $"the account of {roleArn} is not simulated";
    }

    /// <summary>Assumed-role credentials are used against this account's endpoints, as a function uses its region's.</summary>
    private void AcceptAssumedRole(FakeAssumedRole session)
    {
        lock (_lock)
        {
            _assumedRoles[session.AccessKeyId] = session;
        }

        CloudFormation.AddCredentials(session.AccessKeyId, session.SecretAccessKey);
    }

    private async Task<LambdaExecutionEnvironment> StartEnvironmentAsync(string functionName, JsonObject properties)
    {
        var number = Interlocked.Increment(ref _environmentCount);
        var accessKeyId = $"ASIASIMULATED{number:D7}";
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        Emr.AddCredentials(accessKeyId, secret);
        CloudFormation.AddCredentials(accessKeyId, secret);
        SecurityToken.AddCredentials(accessKeyId, secret);
        DynamoDbGate.AddCredentials(accessKeyId, secret);
        return await LambdaExecutionEnvironment.StartAsync(_bootstrapExecutable, functionName, properties.ToJsonString(), accessKeyId, runtimeApi =>
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in properties["Environment"]?["Variables"] as JsonObject ?? [])
            {
                variables[name] = value?.ToString() ?? string.Empty;
            }

            // What Lambda, and a local emulator pointing the SDKs at the fakes, put in the environment.
            variables["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
            variables["AWS_LAMBDA_FUNCTION_NAME"] = functionName;
            variables["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
            variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = properties["MemorySize"]?.ToString() ?? "128";
            variables["AWS_REGION"] = Options.Region;
            variables["AWS_DEFAULT_REGION"] = Options.Region;
            variables["AWS_ENDPOINT_URL_EMR"] = Emr.BaseAddress.ToString();
            variables["AWS_ENDPOINT_URL_CLOUDFORMATION"] = CloudFormation.BaseAddress.ToString();
            variables["AWS_ENDPOINT_URL_STS"] = SecurityToken.BaseAddress.ToString();
            variables["AWS_ACCESS_KEY_ID"] = accessKeyId;
            variables["AWS_SECRET_ACCESS_KEY"] = secret;
            variables["AWS_SESSION_TOKEN"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            variables["EMRSTUDIO_TRUSTED_RESPONSE_HOSTS"] = Receiver.BaseAddress.Authority;
            if (variables.ContainsKey(RecordTableVariable))
            {
                variables["AWS_ENDPOINT_URL_DYNAMODB"] = DynamoDbGate.BaseAddress.ToString();
            }

            foreach (var (name, value) in Options.ExtraFunctionEnvironment)
            {
                variables[name] = value;
            }

            return variables;
        });
    }

    private void AddViolation(string violation)
    {
        lock (_lock)
        {
            _violations.Add(violation);
        }
    }

    private void AddExchange(CustomResourceExchange exchange)
    {
        lock (_lock)
        {
            _exchanges.Add(exchange);
        }
    }
}
