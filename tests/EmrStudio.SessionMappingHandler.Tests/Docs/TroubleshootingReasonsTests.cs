using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Mapping.Operations;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing;
using Xunit;
using static EmrStudio.SessionMappingHandler.Tests.TestDoubles.MappingWorld;

namespace EmrStudio.SessionMappingHandler.Tests.Docs;

/// <summary>
/// Keeps <c>docs/troubleshooting.md</c> in step with the handler: every FAILED Reason the handler gives begins as one
/// of the page's rows says, and every row is the closest match of a Reason the handler gives. The Reasons come from
/// the real handler code, driven by the cases below; a new Reason is one more case and one more row.
/// </summary>
public sealed class TroubleshootingReasonsTests
{
    private const string UnnameableGroup = "legacy-group";

    private static readonly ReasonCase[] Cases =
    [
        // Admission: events CloudFormation could not have sent this function, or no longer waits for.
        new("the invocation names no function", rig => { rig.InvokedFunctionArn = null; return rig.ReasonAsync(rig.Create()); }),
        new("a StackId that is no stack ARN", rig => rig.ReasonAsync(rig.Create(), e => e["StackId"] = "analytics")),
        new("a stack of another partition", rig => rig.ReasonAsync(rig.Create(), e => e["StackId"] = StackOf("aws-cn", "cn-north-1", "123456789012"))),
        new("a stack of another region", rig => rig.ReasonAsync(rig.Create(), e => e["StackId"] = StackOf("aws", "us-east-1", "123456789012"))),
        new("a stack of an untrusted account", rig => rig.ReasonAsync(rig.Create(), e => e["StackId"] = StackOf("aws", "eu-west-1", "111122223333"))),
        new("a ServiceTimeout out of range", rig => rig.ReasonAsync(rig.Create(), e => e["ResourceProperties"]!["ServiceTimeout"] = "0")),
        new("an event older than its ServiceTimeout", rig => rig.ReasonAsync(rig.Create(), e => e["ResponseURL"] = rig.ResponseUrl(ago: TimeSpan.FromHours(1)))),

        // Properties and request types.
        new("a property breaking its rule", rig => rig.ReasonAsync(rig.Create(MappingEvents.Properties(identityType: "ROLE")))),
        new("an unknown property", rig => rig.ReasonAsync(rig.Create(), e => e["ResourceProperties"]!["Colour"] = "blue")),
        new("an unknown RequestType", rig => rig.ReasonAsync(rig.Create(), e => e["RequestType"] = "Upsert")),

        // Create.
        new("Create of a mapping that exists", rig => { rig.SeedGroupMapping(); return rig.ReasonAsync(rig.Create()); }),
        new("Create in a studio that does not exist", rig => rig.ReasonAsync(rig.Create(MappingEvents.ByName(GroupName, studioId: "es-NOSUCHSTUDIO")))),
        new("Create denied", rig => { rig.Emr.FailNext(InMemoryEmrClient.Create, () => Denied(InMemoryEmrClient.Create)); return rig.ReasonAsync(rig.Create()); }),
        new("Create whose read-back fails", rig => { rig.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError); return rig.ReasonAsync(rig.Create()); }),
        new("Create of a principal whose id names no mapping", rig => { AddUnnameableGroup(rig); return rig.ReasonAsync(rig.Create(MappingEvents.ByName(UnnameableGroup))); }),
        new("adoption whose read fails", rig => { rig.SeedGroupMapping(); rig.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError); return rig.ReasonAsync(rig.Create(Adopting(Policy))); }),
        new("adoption whose policy change fails", rig => { rig.SeedGroupMapping(OtherPolicy); rig.Emr.FailNext(InMemoryEmrClient.Update, () => Denied(InMemoryEmrClient.Update)); return rig.ReasonAsync(rig.Create(Adopting(Policy))); }),
        new("adoption of a mapping whose id names no mapping", rig => { AddUnnameableGroup(rig, seeded: true); return rig.ReasonAsync(rig.Create(MappingEvents.ByName(UnnameableGroup, adoptExisting: "true"))); }),

        // Update.
        new("Update whose read fails", rig => { var id = rig.SeedGroupMapping(); rig.Emr.FailNext(InMemoryEmrClient.Get, () => Denied(InMemoryEmrClient.Get)); return rig.ReasonAsync(rig.Update(id, PolicyChange())); }),
        new("Update whose policy change fails", rig => { var id = rig.SeedGroupMapping(); rig.Emr.FailNext(InMemoryEmrClient.Update, () => Denied(InMemoryEmrClient.Update)); return rig.ReasonAsync(rig.Update(id, PolicyChange())); }),
        new("replacement whose create fails", rig => { var id = rig.SeedGroupMapping(); rig.Emr.FailNext(InMemoryEmrClient.Create, () => Denied(InMemoryEmrClient.Create)); return rig.ReasonAsync(rig.Update(id, StudioMove())); }),
        new("replacement whose read-back fails", rig => { var id = rig.SeedGroupMapping(); rig.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError); return rig.ReasonAsync(rig.Update(id, StudioMove())); }),
        new("replacement onto a principal whose id names no mapping", rig => { var id = rig.SeedGroupMapping(); AddUnnameableGroup(rig); return rig.ReasonAsync(rig.Update(id, MappingEvents.ByName(UnnameableGroup, studioId: OtherStudio))); }),
        new("replacement onto someone else's mapping", rig => { var id = SeedTwoGroups(rig); return rig.ReasonAsync(rig.Update(id, MappingEvents.ByName(OtherGroupName))); }),
        new("replacement onto a mapping while CloudFormation cannot be asked", rig => { var id = SeedTwoGroups(rig); rig.Stacks.Failure = new HttpRequestException("Connection refused"); return rig.ReasonAsync(rig.Update(id, MappingEvents.ByName(OtherGroupName))); }),
        new("rollback restore whose read fails", rig => { var id = SeedRollback(rig, Policy); rig.Emr.FailNext(InMemoryEmrClient.Get, InMemoryEmrClient.InternalError); return rig.ReasonAsync(rig.Update(id)); }),
        new("rollback restore whose policy change fails", rig => { var id = SeedRollback(rig, OtherPolicy); rig.Emr.FailNext(InMemoryEmrClient.Update, () => Denied(InMemoryEmrClient.Update)); return rig.ReasonAsync(rig.Update(id)); }),
        new("adoption on Update of a mapping whose id names no mapping", rig => { var id = rig.SeedGroupMapping(); AddUnnameableGroup(rig, seeded: true, studio: OtherStudio); return rig.ReasonAsync(rig.Update(id, MappingEvents.ByName(UnnameableGroup, studioId: OtherStudio, adoptExisting: "true"))); }),

        // Delete.
        new("Delete denied", rig => { var id = rig.SeedGroupMapping(); rig.Emr.FailNext(InMemoryEmrClient.Delete, () => Denied(InMemoryEmrClient.Delete)); return rig.ReasonAsync(rig.Delete(id)); }),

        // Studios by name.
        new("a studio name no studio has", rig => rig.ReasonAsync(rig.Create(ByStudioName("marketing")))),
        new("a studio name ListStudios cannot resolve", rig => { rig.Emr.FailNext(InMemoryEmrClient.ListStudios, () => Denied(InMemoryEmrClient.ListStudios)); return rig.ReasonAsync(rig.Create(ByStudioName(Studio))); }),

        // The desired-state record.
        new("a record that cannot be read", rig => { rig.KeepRecords(); rig.Records.FailNextRead(InMemoryMappingRecords.Unavailable()); return rig.ReasonAsync(rig.Create()); }),
        new("a record that cannot be written after a create", rig => { rig.KeepRecords(); rig.Records.FailNextWrite(InMemoryMappingRecords.Unavailable()); return rig.ReasonAsync(rig.Create()); }),
        new("a record that cannot be written before a delete", rig => { rig.KeepRecords(); var id = rig.SeedGroupMapping(); rig.Records.FailNextWrite(InMemoryMappingRecords.Unavailable()); return rig.ReasonAsync(rig.Delete(id)); }),
        new("an event issued before the resource's last", rig => IssuedBeforeTheLastAsync(rig)),

        // What no rule foresaw: the operations' last resort, and the supervisor's guards around a provider.
        new("an error nobody foresaw", rig => { var id = rig.SeedGroupMapping(); rig.Provider = new SessionMappingOperations(new BlankReadEmrClient(rig.Emr), rig.Stacks, null, rig.World.Log, rig.World.Time); return rig.ReasonAsync(rig.Update(id, PolicyChange())); }),
        new("a provider still running at the deadline", rig => { rig.Provider = new ScriptedProvider((_, _) => new TaskCompletionSource<CustomResourceOutcome>().Task); rig.TimeLeft = TimeSpan.Zero; return rig.ReasonAsync(rig.Create()); }),
        new("a provider that throws", rig => { rig.Provider = new ScriptedProvider((_, _) => throw new InvalidOperationException("the provider broke")); return rig.ReasonAsync(rig.Create()); }),
        new("a provider answering no valid status", rig => { rig.Provider = ScriptedProvider.Answering(new() { Status = "MAYBE", PhysicalResourceId = GroupMappingId }); return rig.ReasonAsync(rig.Create()); }),
        new("a provider answering no valid PhysicalResourceId", rig => { rig.Provider = ScriptedProvider.Answering(new() { Status = ResponseStatus.Success, PhysicalResourceId = string.Empty }); return rig.ReasonAsync(rig.Create()); }),
        new("a provider failing without a reason", rig => { rig.Provider = ScriptedProvider.Answering(new() { Status = ResponseStatus.Failed, PhysicalResourceId = GroupMappingId }); return rig.ReasonAsync(rig.Create()); }),
    ];

    [Fact]
    public async Task TroubleshootingPage_AnyFailedReason_BeginsAsOneOfItsRowsSays()
    {
        var rows = ReadPage();
        var problems = new StringBuilder();
        foreach (var (name, reason) in await ProduceReasonsAsync())
        {
            var matches = rows.Where(row => row.Matches(reason)).OrderByDescending(row => row.LiteralLength).ToList();
            if (matches.Count == 0)
            {
                problems.AppendLine($"{name}: the page lists no row for \"{reason}\"");
            }
            else if (matches.Count > 1 && matches[0].LiteralLength == matches[1].LiteralLength)
            {
                problems.AppendLine($"{name}: \"{reason}\" matches `{matches[0]}` and `{matches[1]}` alike");
            }
        }

        Assert.True(problems.Length == 0, $"{TroubleshootingPage.RelativePath} misses Reasons the handler gives:\n{problems}");
    }

    [Fact]
    public async Task TroubleshootingPage_EveryRow_IsTheClosestMatchOfAReasonTheHandlerGives()
    {
        var rows = ReadPage();
        var reasons = await ProduceReasonsAsync();

        var unmatched = rows
            .Where(row => !reasons.Any(produced => ClosestRow(rows, produced.Reason) == row))
            .Select(row => $"`{row}`")
            .ToList();

        Assert.True(
            unmatched.Count == 0,
            $"{TroubleshootingPage.RelativePath} lists Reasons that no case makes the handler give (the handler no longer gives them, or a case is missing):\n"
            + string.Join('\n', unmatched));
    }

    [Fact]
    public void ReadReasonPatterns_RowWithoutBacktickedPattern_FailsNamingTheLine()
    {
        const string Page = "# Reasons\n\n<!-- reason-table -->\n| Reason | Fix |\n| --- | --- |\n| Create failed | retry |\n";

        var error = Assert.Throws<FormatException>(() => TroubleshootingPage.ReadReasonPatterns(Page));

        Assert.Contains("line 6", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Create failed: CreateStudioSessionMapping for <principal> failed: <error>", "Create failed: CreateStudioSessionMapping for GROUP name 'x' in studio es-A failed: ThrottlingException: Rate exceeded", true)]
    [InlineData("Create failed: CreateStudioSessionMapping for <principal> failed: <error>", "Update failed: CreateStudioSessionMapping for GROUP name 'x' in studio es-A failed: ThrottlingException: Rate exceeded", false)]
    [InlineData("StackId: must be a CloudFormation stack ARN", "StackId: must be a CloudFormation stack ARN, arn:<partition>:cloudformation", true)]
    [InlineData("The event was issued <age> s ago", "An event was issued 3601 s ago", false)]
    [InlineData("<Create or Update> failed: <error>", "Delete failed: InvalidRequestException", false)]
    [InlineData("<Create, Update or Delete> failed: <exception type>: <message>", "Delete failed: NullReferenceException: x", true)]
    [InlineData("<Create, Update or Delete> failed: <exception type>: <message>", "Update failed: UpdateStudioSessionMapping for x failed: AccessDeniedException: y", false)]
    public void Matches_Reason_HonoursLiteralsAndPlaceholders(string pattern, string reason, bool expected) =>
        Assert.Equal(expected, new ReasonPattern(pattern).Matches(reason));

    private static JsonElement ByStudioName(string studioName) =>
        MappingEvents.Json($$"""{"StudioName":"{{studioName}}","IdentityType":"GROUP","IdentityName":"{{GroupName}}","SessionPolicyArn":"{{Policy}}"}""");

    private static async Task<string> IssuedBeforeTheLastAsync(HandlerRig rig)
    {
        rig.KeepRecords();
        var late = rig.Create();
        late["ResponseURL"] = rig.ResponseUrl(ago: TimeSpan.FromMinutes(1));
        late["RequestId"] = "late-delivery";
        var id = (await rig.SendAsync(rig.Create())).PhysicalResourceId;
        var delete = rig.Delete(id);
        delete["RequestId"] = "the-delete";
        await rig.SendAsync(delete);
        return await rig.ReasonAsync(late);
    }

    private static List<ReasonPattern> ReadPage() =>
        [.. TroubleshootingPage.ReadReasonPatterns(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), TroubleshootingPage.RelativePath)))];

    private static async Task<List<(string Name, string Reason)>> ProduceReasonsAsync()
    {
        var reasons = new List<(string, string)>(Cases.Length);
        foreach (var reasonCase in Cases)
        {
            reasons.Add((reasonCase.Name, await reasonCase.Produce(new HandlerRig())));
        }

        return reasons;
    }

    private static ReasonPattern? ClosestRow(List<ReasonPattern> rows, string reason) =>
        rows.Where(row => row.Matches(reason)).MaxBy(row => row.LiteralLength);

    private static string StackOf(string partition, string region, string account) =>
        $"arn:{partition}:cloudformation:{region}:{account}:stack/analytics/11111111-2222-3333-4444-555555555555";

    private static EmrException Denied(string operation) =>
        new(400, "AccessDeniedException", $"User: arn:aws:sts::123456789012:assumed-role/handler/fn is not authorized to perform: elasticmapreduce:{operation}");

    private static JsonElement Adopting(string policy) => MappingEvents.ByName(GroupName, policy: policy, adoptExisting: "true");

    private static JsonElement PolicyChange() => MappingEvents.ByName(GroupName, policy: OtherPolicy);

    private static JsonElement StudioMove() => MappingEvents.ByName(GroupName, studioId: OtherStudio);

    /// <summary>A group whose Identity Store id is longer than EMR's strings, so no PhysicalResourceId can name its mapping.</summary>
    private static void AddUnnameableGroup(HandlerRig rig, bool seeded = false, string studio = Studio)
    {
        var id = new string('a', 257);
        rig.Emr.AddIdentity("GROUP", UnnameableGroup, id);
        if (seeded)
        {
            rig.Emr.Seed(studio, "GROUP", id, Policy);
        }
    }

    /// <summary>The stack's group mapping, and another group's mapping that is not the stack's.</summary>
    private static string SeedTwoGroups(HandlerRig rig)
    {
        rig.Emr.Seed(Studio, "GROUP", OtherGroupId, Policy);
        return rig.SeedGroupMapping();
    }

    /// <summary>
    /// A rollback after the group moved to the other studio: the event names the new mapping, its properties the old
    /// one, which still exists with <paramref name="oldPolicy"/>.
    /// </summary>
    private static string SeedRollback(HandlerRig rig, string oldPolicy)
    {
        rig.SeedGroupMapping(oldPolicy);
        rig.Emr.Seed(OtherStudio, "GROUP", GroupId, Policy);
        rig.Stacks.Status = UpdateOperation.RollingBack;
        return $"emrstudio:{OtherStudio}/GROUP/{GroupId}";
    }
}
