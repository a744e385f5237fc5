using System.Text.Json.Nodes;
using EmrStudio.Testing.Stacks;
using EmrStudio.Testing.Stacks.Templates;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Simulator;

/// <summary>
/// Independent resources provisioned at once, as CloudFormation does, up to the simulator's bound: which ones are in
/// flight together is decided by gates the test opens, never by timing. No function runs.
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Create_IndependentResources_StartInTemplateOrderUpToTheBoundAndADependentAfterItsDependency()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap", new SimulatorOptions { MaxConcurrentResourceOperations = 3 });

        var deploy = account.DeployAsync("s", Gates(("A", []), ("F", ["A"]), ("B", []), ("C", []), ("D", [])));

        await account.Gates.WaitForStartsAsync(3, HangGuard);
        Assert.Equal(["A", "B", "C"], account.Gates.InFlight);
        account.Gates.Open("B");
        await account.Gates.WaitForStartsAsync(4, HangGuard);
        Assert.Equal(["A", "C", "D"], account.Gates.InFlight);
        account.Gates.Open("A");
        await account.Gates.WaitForStartsAsync(5, HangGuard);
        Assert.Equal(["C", "D", "F"], account.Gates.InFlight);
        account.Gates.OpenAll();
        var result = await deploy.WaitAsync(HangGuard);

        Assert.Equal(StackStatuses.CreateComplete, result.FinalStatus);
        Assert.Equal(3, account.Gates.MaxInFlight);
        Assert.Equal(5, account.Stack("s").Resources.Count);
    }

    [Fact]
    public async Task Delete_IndependentResources_DeleteAtOnceAndADependencyAfterItsDependent()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap", new SimulatorOptions { MaxConcurrentResourceOperations = 3 });
        account.Gates.OpenAll();
        await account.DeployAsync("s", Gates(("A", []), ("F", ["A"]), ("B", []), ("C", []), ("D", [])));
        account.Gates.CloseAll();
        var before = account.Gates.Log.Count;

        var delete = account.DeleteStackAsync("s");

        await account.Gates.WaitForStartsAsync(8, HangGuard);
        Assert.Equal(["D", "C", "B"], account.Gates.InFlight);
        account.Gates.Open("D");
        await account.Gates.WaitForStartsAsync(9, HangGuard);
        Assert.Equal(["C", "B", "F"], account.Gates.InFlight);
        account.Gates.Open("F");
        await account.Gates.WaitForStartsAsync(10, HangGuard);
        Assert.Equal(["C", "B", "A"], account.Gates.InFlight);
        account.Gates.OpenAll();
        var result = await delete.WaitAsync(HangGuard);

        Assert.Equal(StackStatuses.DeleteComplete, result.FinalStatus);
        var log = account.Gates.Log.Skip(before).ToList();
        Assert.True(log.IndexOf("end F") < log.IndexOf("start A"), string.Join(", ", log));
    }

    [Fact]
    public async Task Create_FailureWhileOthersAreInFlight_StartsNothingMoreAndRollsBackWhatTheyCreated()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap", new SimulatorOptions { MaxConcurrentResourceOperations = 3 });
        var template = Gates(("A", []), ("B", []), ("C", []))
            .WithResource("Boom", TestFailure.Declaration("Create", []))
            .With(root => MoveToEnd(root, "C"), "gates A, B, a failure, then gate C");

        var deploy = account.DeployAsync("s", template);
        await account.Gates.WaitForStartsAsync(2, HangGuard);
        account.Gates.OpenAll();
        var result = await deploy.WaitAsync(HangGuard);

        Assert.True(result.FinalStatus == StackStatuses.RollbackComplete, result.ToString());
        Assert.DoesNotContain("start C", account.Gates.Log);
        Assert.DoesNotContain(result.Events, e => e.LogicalResourceId == "C");
        Assert.Equal(["A", "B"], result.Events.Where(e => e.ResourceStatus == StackStatuses.DeleteComplete).Select(e => e.LogicalResourceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_BoundOfOne_ProvisionsStrictlyOneAfterAnother()
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap", new SimulatorOptions { MaxConcurrentResourceOperations = 1 });

        var deploy = account.DeployAsync("s", Gates(("A", []), ("B", []), ("C", [])));
        await account.Gates.WaitForStartsAsync(1, HangGuard);
        Assert.Equal(["A"], account.Gates.InFlight);
        account.Gates.OpenAll();
        await deploy.WaitAsync(HangGuard);

        Assert.Equal(1, account.Gates.MaxInFlight);
        Assert.Equal(["start A", "end A", "start B", "end B", "start C", "end C"], account.Gates.Log);
    }

    private static CloudFormationTemplate Gates(params (string Id, string[] DependsOn)[] gates)
    {
        var resources = new JsonObject();
        foreach (var (id, dependsOn) in gates)
        {
            resources[id] = TestGate.Declaration(dependsOn);
        }

        return CloudFormationTemplate.FromJson(new JsonObject { ["Resources"] = resources }.ToJsonString(), "gates " + string.Join(", ", gates.Select(g => g.Id)));
    }

    private static void MoveToEnd(JsonObject root, string logicalId)
    {
        var resources = (JsonObject)root["Resources"]!;
        var declaration = resources[logicalId]!;
        resources.Remove(logicalId);
        resources[logicalId] = declaration;
    }
}
