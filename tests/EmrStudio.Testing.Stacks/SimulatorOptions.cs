namespace EmrStudio.Testing.Stacks;

/// <summary>Which account and region the simulated account is, and how it scales CloudFormation's and Lambda's waits down for tests.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The longest wait for a custom resource's answer, whatever its ServiceTimeout (CloudFormation's default is 3600 s).</summary>
    public TimeSpan MaxServiceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many resources of one stack operation are provisioned at once. CloudFormation provisions independent
    /// resources in parallel and publishes no bound; each one in flight here that is a custom resource runs in an
    /// execution environment of its own, as Lambda scales out. 1 makes every operation strictly sequential.
    /// </summary>
    public int MaxConcurrentResourceOperations { get; init; } = 10;

    /// <summary>When set, every invocation's deadline is now + this instead of the function's Timeout.</summary>
    public TimeSpan? FunctionTimeoutOverride { get; init; }

    /// <summary>Values of SSM parameters that parameter types <c>AWS::SSM::Parameter::Value&lt;String&gt;</c> read.</summary>
    public IReadOnlyDictionary<string, string> SsmParameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SimulatedAccountDefaults.CdkBootstrapVersionParameter] = SimulatedAccountDefaults.CdkBootstrapVersion,
    };

    /// <summary>The account the simulated account is: its stacks', functions', roles' and studios' ARNs name it.</summary>
    public string AccountId { get; init; } = SimulatedAccountDefaults.AccountId;

    /// <summary>The region the simulated account is in: its ARNs, its functions' AWS_REGION, the region its fakes sign for.</summary>
    public string Region { get; init; } = SimulatedAccountDefaults.Region;

    /// <summary>Extra variables for every execution environment (after the template's and the emulator's own).</summary>
    public IReadOnlyDictionary<string, string> ExtraFunctionEnvironment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
