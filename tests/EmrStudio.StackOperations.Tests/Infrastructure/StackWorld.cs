using System.Text;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Publishing;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;
using Xunit.Abstractions;

namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>
/// One simulated account with two studios and three principals, the published bootstrap behind every custom
/// resource, and the checks every scenario ends with: no stack in a *_FAILED state, EMR holding exactly the
/// declared mappings, no violations, no failed resource except the forced ones. Each step prints EMR's state.
/// </summary>
internal sealed class StackWorld : IAsyncDisposable
{
    public const string StudioX = "es-0123456789ABCDEFGHIJKLMNO";
    public const string StudioY = "es-B0123456789";
    public const string PolicyA = "arn:aws:iam::123456789012:policy/EmrStudioDataScientist";
    public const string PolicyB = "arn:aws:iam::123456789012:policy/team/EmrStudioDataScientistV2";
    public const string MappingType = "Custom::EmrStudioSessionMapping";

    private readonly ITestOutputHelper _output;
    private readonly HashSet<string> _knownStacks = new(StringComparer.Ordinal);
    private readonly List<FakeIdentity> _identities = [];

    private StackWorld(SimulatedAccount account, string handlerDirectory, ITestOutputHelper output)
    {
        Account = account;
        HandlerDirectory = handlerDirectory;
        _output = output;
        Emr.AddStudio(StudioX);
        Emr.AddStudio(StudioY);
        DataScientists = AddGroup("data-scientists");
        Analysts = AddGroup("analysts");
        LeadAnalyst = AddUser("lead.analyst@example.com");
    }

    public SimulatedAccount Account { get; }

    public FakeEmr Emr => Account.Emr;

    /// <summary>The folder holding the published bootstrap: the CDK asset of every synthesized stack.</summary>
    public string HandlerDirectory { get; }

    public FakeIdentity DataScientists { get; }

    public FakeIdentity Analysts { get; }

    public FakeIdentity LeadAnalyst { get; }

    public FakeIdentity AddUser(string name) => Track(Emr.AddUser(name));

    public FakeIdentity AddGroup(string name) => Track(Emr.AddGroup(name));

    public static async Task<StackWorld> StartAsync(PublishedBootstrap published, ITestOutputHelper output, SimulatorOptions? options = null)
    {
        var executable = published.RequireExecutable();
        var account = await SimulatedAccount.StartAsync(executable, options ?? new SimulatorOptions { MaxServiceTimeout = TimeSpan.FromSeconds(30) });
        return new StackWorld(account, Path.GetDirectoryName(executable)!, output);
    }

    public async Task<StackOperationResult> DeployAsync(string stackName, CloudFormationTemplate template, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var result = await Account.DeployAsync(stackName, template, parameters);
        Print($"deploy {stackName} ({template})", result);
        return result;
    }

    public async Task<StackOperationResult> DeleteAsync(string stackName)
    {
        var result = await Account.DeleteStackAsync(stackName);
        Print($"delete {stackName}", result);
        return result;
    }

    /// <summary>EMR's mappings now, one line each, by principal name.</summary>
    public string EmrState() =>
        Emr.Mappings.Count == 0
            ? "  (no mappings)"
            : string.Join("\n", Emr.Mappings.OrderBy(m => m.StudioId, StringComparer.Ordinal).ThenBy(m => m.IdentityName, StringComparer.Ordinal)
                .Select(m => $"  {m.StudioId} {m.IdentityType} {m.IdentityName} ({m.IdentityId}) {m.SessionPolicyArn}"));

    public void Log(string line) => _output.WriteLine(line);

    /// <summary>The mappings the live stacks declare now, plus <paramref name="alsoExpected"/> (retained or out-of-band ones).</summary>
    public IReadOnlyList<ExpectedMapping> Declared(IEnumerable<string> stackNames, params ExpectedMapping[] alsoExpected)
    {
        var declared = new List<ExpectedMapping>(alsoExpected);
        foreach (var name in stackNames)
        {
            foreach (var resource in Account.Stack(name).Resources.Values.Where(r => r.Type is MappingType or "AWS::EMR::StudioSessionMapping"))
            {
                var properties = resource.Properties;
                var type = properties["IdentityType"]!.GetValue<string>();
                var id = properties["IdentityId"]?.GetValue<string>()
                    ?? IdentityNamed(type, properties["IdentityName"]!.GetValue<string>()).Id;
                declared.Add(new ExpectedMapping(properties["StudioId"]!.GetValue<string>(), type, id, properties["SessionPolicyArn"]!.GetValue<string>()));
            }
        }

        return declared;
    }

    public ExpectedMapping Mapping(string studioId, FakeIdentity identity, string policyArn) => new(studioId, identity.IdentityType, identity.Id, policyArn);

    /// <summary>Every check a scenario ends with; the message carries the events, the exchanges and the handler's log.</summary>
    public void AssertConsistent(IReadOnlyList<ExpectedMapping> expected)
    {
        var problems = new List<string>();
        problems.AddRange(AllStacks().Where(stack => StackStatuses.IsFailed(stack.Status)).Select(stack => $"stack {stack.Name} ended in {stack.Status}"));

        var actual = Emr.Mappings.Select(m => new ExpectedMapping(m.StudioId, m.IdentityType, m.IdentityId, m.SessionPolicyArn)).ToHashSet();
        var wanted = expected.ToHashSet();
        problems.AddRange(actual.Except(wanted).Select(m => $"EMR holds a mapping nothing declares (leaked): {m}"));
        problems.AddRange(wanted.Except(actual).Select(m => $"EMR lacks a declared mapping: {m}"));
        problems.AddRange(Account.Violations.Select(v => "violation: " + v));
        problems.AddRange(AllStacks().SelectMany(stack => stack.Events)
            .Where(e => StackStatuses.IsFailed(e.ResourceStatus) && e.ResourceType is not ("Test::Failure" or "AWS::CloudFormation::Stack"))
            .Select(e => $"resource failure: {e}"));
        if (problems.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine(string.Join("\n", problems));
        message.AppendLine("EMR now:").AppendLine(EmrState());
        message.AppendLine("Custom resource exchanges:").AppendLine(string.Join("\n", Account.Exchanges.Select(e => "  " + e)));
        message.AppendLine("EMR mapping history:").AppendLine(string.Join("\n", Emr.MappingHistory.Select(c => "  " + c)));
        var output = Account.HandlerOutput;
        message.AppendLine("Handler output (last 6000 characters):").AppendLine(output.Length > 6000 ? output[^6000..] : output);
        Assert.Fail(message.ToString());
    }

    /// <summary>The moments, after the principal first had a mapping on the studio, at which it had none.</summary>
    public IReadOnlyList<FakeMappingChange> GapsFor(string studioId, FakeIdentity identity) =>
        [.. Emr.MappingHistory.Where(change => change.Kind == FakeMappingChangeKind.Deleted && change.Mapping.StudioId == studioId && change.Mapping.IdentityId == identity.Id)];

    public ValueTask DisposeAsync() => Account.DisposeAsync();

    private IEnumerable<SimulatedStack> AllStacks()
    {
        foreach (var name in Account.Exchanges.Select(e => e.StackName).Concat(_knownStacks).Distinct(StringComparer.Ordinal))
        {
            SimulatedStack? stack = null;
            try
            {
                stack = Account.Stack(name);
            }
            catch (KeyNotFoundException)
            {
                // Deleted: nothing left to check.
            }

            if (stack is not null)
            {
                yield return stack;
            }
        }
    }

    private FakeIdentity IdentityNamed(string type, string name) =>
        _identities.Find(identity => identity.IdentityType == type && identity.Name == name)
            ?? throw new KeyNotFoundException($"No {type} named {name} in the world.");

    private FakeIdentity Track(FakeIdentity identity)
    {
        _identities.Add(identity);
        return identity;
    }

    private void Print(string step, StackOperationResult result)
    {
        _knownStacks.Add(result.StackName);
        _output.WriteLine($"== {step}: {result.FinalStatus}");
        foreach (var line in result.Events)
        {
            _output.WriteLine("   " + line.ToString().Split('\n')[0]);
        }

        _output.WriteLine("EMR state:");
        _output.WriteLine(EmrState());
    }
}
