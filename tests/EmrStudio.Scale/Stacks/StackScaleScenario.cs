using System.Diagnostics;
using System.Globalization;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Stacks;

namespace EmrStudio.Scale.Stacks;

/// <summary>
/// Scale inside one stack: a stack of N mappings (the construct's, with its handler) created, updated with a new
/// session policy for every mapping, and deleted, in the stack simulator, on the published bootstrap, against the
/// EMR fake's per-account rate limit. Every mapping must end as declared, with no timeout and no violation.
/// </summary>
internal sealed class StackScaleScenario : IScaleScenario
{
    private const string StackName = "Mappings";
    private const string StudioId = "es-SCALESTACKS0123";
    private const string PolicyA = "arn:aws:iam::123456789012:policy/EmrStudioScaleA";
    private const string PolicyB = "arn:aws:iam::123456789012:policy/EmrStudioScaleB";

    public string Name => "stacks";

    public async Task<ScaleReport> RunAsync(ScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var limit = new FakeRateLimit(settings.EmrRate, settings.EmrBurst);
        var report = new ScaleReport(
            "Scale inside one stack",
            ["mappings", "operation", "time (s)", "per mapping (ms)", "EMR requests", "throttled retries", "mappings as declared / declared"]);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"A stack of N StudioSessionMapping constructs and their handler, created, updated (every mapping's session policy changed) and deleted in the stack simulator on the published bootstrap; up to {settings.Concurrency} resources in flight, each custom resource in an execution environment of its own. EMR allows {limit.Burst} calls at once, then {limit.RatePerSecond:0.##} a second per account (ThrottlingException beyond). Times include the execution environments' cold starts (create) and everything the simulator does."));
        var bootstrap = context.Bootstrap();
        foreach (var size in settings.StackSizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RunSizeAsync(context, report, bootstrap, size, limit);
        }

        return report;
    }

    private static async Task RunSizeAsync(ScaleContext context, ScaleReport report, string bootstrap, int size, FakeRateLimit limit)
    {
        var options = new SimulatorOptions
        {
            MaxConcurrentResourceOperations = context.Settings.Concurrency,
            // The construct's ServiceTimeout: a mapping still unanswered then has timed out, as in CloudFormation.
            MaxServiceTimeout = TimeSpan.FromSeconds(300),
        };
        await using var account = await SimulatedAccount.StartAsync(bootstrap, options);
        account.Emr.AddStudio(StudioId);
        var users = Enumerable.Range(0, size).Select(i => account.Emr.AddUser(string.Create(CultureInfo.InvariantCulture, $"scale-user-{i:D4}@example.com"))).ToList();
        context.Progress($"{size} mappings: synthesizing the stack");
        var template = MappingStack.Synthesize(Path.GetDirectoryName(bootstrap)!, StudioId, [.. users.Select(user => user.Name)], PolicyA);
        account.Emr.RateLimit = limit;

        await MeasureAsync(context, report, account, size, "create", () => account.DeployAsync(StackName, template), StackStatuses.CreateComplete, Declared(users, PolicyA));
        await MeasureAsync(context, report, account, size, "update", () => account.DeployAsync(StackName, MappingStack.WithPolicy(template, PolicyB)), StackStatuses.UpdateComplete, Declared(users, PolicyB));
        await MeasureAsync(context, report, account, size, "delete", () => account.DeleteStackAsync(StackName), StackStatuses.DeleteComplete, []);
    }

    private static async Task MeasureAsync(
        ScaleContext context,
        ScaleReport report,
        SimulatedAccount account,
        int size,
        string operation,
        Func<Task<StackOperationResult>> run,
        string expectedStatus,
        HashSet<(string, string, string, string)> declared)
    {
        context.Progress($"{size} mappings: {operation}");
        var requests = account.Emr.Requests.Count;
        var throttled = account.Emr.ThrottledByRateLimit;
        var exchanges = account.Exchanges.Count;
        var violations = account.Violations.Count;
        var watch = Stopwatch.StartNew();
        var result = await run();
        var elapsed = watch.Elapsed;

        var answers = account.Exchanges.Skip(exchanges).ToList();
        var actual = account.Emr.Mappings.Select(m => (m.StudioId, m.IdentityType, m.IdentityId, m.SessionPolicyArn)).ToHashSet();
        var asDeclared = actual.Count(declared.Contains);
        report.Row(
            size.ToString(CultureInfo.InvariantCulture),
            operation,
            elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            (elapsed.TotalMilliseconds / size).ToString("0", CultureInfo.InvariantCulture),
            (account.Emr.Requests.Count - requests).ToString(CultureInfo.InvariantCulture),
            (account.Emr.ThrottledByRateLimit - throttled).ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{asDeclared} / {declared.Count}"));

        var what = $"{size} mappings, {operation}";
        report.Check(result.FinalStatus == expectedStatus, $"{what}: the stack ended {result.FinalStatus}, not {expectedStatus}");
        report.Check(answers.TrueForAll(answer => answer.Answer is not null), $"{what}: {answers.Count(answer => answer.Answer is null)} custom resources got no answer within their ServiceTimeout");
        report.Check(answers.TrueForAll(answer => answer.Answer?.Status == "SUCCESS"), $"{what}: {string.Join("; ", answers.Where(answer => answer.Answer is { Status: not "SUCCESS" }).Take(3))}");
        report.Check(asDeclared == declared.Count && actual.Count == declared.Count, $"{what}: EMR holds {actual.Count} mappings, {asDeclared} as declared, of {declared.Count} declared");
        report.Check(account.Violations.Count == violations, $"{what}: {string.Join("; ", account.Violations.Skip(violations).Take(3))}");
        context.Progress(string.Create(CultureInfo.InvariantCulture, $"{what}: {result.FinalStatus} in {elapsed.TotalSeconds:0.0} s"));
    }

    private static HashSet<(string, string, string, string)> Declared(IEnumerable<FakeIdentity> users, string policyArn) =>
        [.. users.Select(user => (StudioId, user.IdentityType, user.Id, policyArn))];
}
