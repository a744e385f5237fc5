using System.Text;
using EmrStudio.Testing.Scenarios;

namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>
/// Sends seeded hostile events to one running handler, one after another, and collects every breach of the
/// invariants that must hold whatever arrives: one runtime result per event, one answer per answerable event and none
/// otherwise, no contract violation at any ResponseURL, no request EMR would reject, no EMR call for an event that
/// must be refused, no request ever at a host the handler does not trust, and a handler still running.
/// </summary>
internal static class FuzzCampaign
{
    /// <summary>
    /// A real deadline, short enough that a handler that hangs shows within half a minute. An event takes
    /// milliseconds (hostile ones need no EMR time at all), and a working handler posts its result as soon as it is
    /// done, so the provider's 11 s and the answer's share outlast a machine ten times slower.
    /// </summary>
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(15);

    /// <returns>Every breach found, each naming the event (none when the handler held up), and how the events ended.</returns>
    public static async Task<FuzzReport> RunAsync(IHandlerRunner runner, int seed, int count)
    {
        var breaches = new List<string>();
        await using var session = await ScenarioSession.StartAsync(runner);
        var world = session.World;
        var generator = new HostileEventGenerator(seed, world);
        var sent = new List<HostileEvent>(count);
        var (succeeded, failed, unanswerable) = (0, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var hostile = generator.Next();
            sent.Add(hostile);
            var emrRequestsBefore = world.Emr.Requests.Count;
            ScenarioExchange exchange;
            try
            {
                exchange = await session.SendAsync(hostile.Event, EventDeadline);
            }
            catch (TimeoutException exception)
            {
                breaches.Add($"{hostile.Description}: {exception.Message}");
                break;
            }

            var expected = hostile.Event.ExpectsAnswer ? 1 : 0;
            if (exchange.Answers.Count != expected)
            {
                breaches.Add($"{hostile.Description}: {exchange.Answers.Count} answer(s), expected {expected}; runtime result {exchange.Result.Body}");
            }

            if (exchange.Result.IsError == hostile.Event.ExpectsAnswer)
            {
                breaches.Add($"{hostile.Description}: runtime {(exchange.Result.IsError ? "error" : "success")} {exchange.Result.Body}");
            }

            breaches.AddRange(exchange.Violations.Select(violation => $"{hostile.Description}: {violation}"));
            if (hostile.Refused && world.Emr.Requests.Count != emrRequestsBefore)
            {
                breaches.Add($"{hostile.Description}: refused, yet {world.Emr.Requests.Count - emrRequestsBefore} EMR request(s) were made");
            }

            if (hostile.Refused && exchange.Answers is [{ Status: not "FAILED" } answer])
            {
                breaches.Add($"{hostile.Description}: refused, yet answered {answer.Status}");
            }

            succeeded += exchange.Answers.Count(answer => answer.Status == "SUCCESS");
            failed += exchange.Answers.Count(answer => answer.Status == "FAILED");
            unanswerable += exchange.Event.ExpectsAnswer ? 0 : 1;
            if (exchange.Answers is [{ Status: "SUCCESS", PhysicalResourceId: { } id }] && id.StartsWith("emrstudio:", StringComparison.Ordinal))
            {
                generator.NoteLiveId(id);
            }

            if (session.Runner.HasExited)
            {
                breaches.Add($"{hostile.Description}: the handler exited");
                break;
            }
        }

        // Late duplicates would only show now.
        foreach (var hostile in sent.Where(hostile => hostile.Event.ResponseUrl is not null))
        {
            var accepted = world.Receiver.AcceptedCount(hostile.Event.ResponseUrl!);
            if (accepted > 1)
            {
                breaches.Add($"{hostile.Description}: {accepted} answers accepted");
            }
        }

        breaches.AddRange(world.Runtime.Results
            .GroupBy(result => result.RequestId)
            .Where(group => group.Count() != 1)
            .Select(group => $"runtime request {group.Key}: {group.Count()} results"));
        breaches.AddRange(world.Receiver.Violations.Select(violation => "receiver: " + violation).Distinct());
        if (world.Trap.TotalRequests > 0)
        {
            breaches.Add($"{world.Trap.TotalRequests} request(s) reached a host the handler does not trust");
        }

        breaches.AddRange(world.Emr.Rejections.Select(rejection =>
            $"EMR would reject {rejection.Request.Operation} {rejection.Request.Body?.ToJsonString()}: {rejection.ErrorType} {rejection.Message}"));
        if (session.Runner.HasExited)
        {
            breaches.Add("the handler is not running at the end");
        }

        return new FuzzReport(breaches, succeeded, failed, unanswerable, world.Emr.Requests.Count, sent.Count(hostile => hostile.Refused));
    }

    public static string Describe(int seed, int count, FuzzReport report, IHandlerRunner runner)
    {
        var text = new StringBuilder();
        text.Append(
            System.Globalization.CultureInfo.InvariantCulture,
            $"Fuzz seed {seed}, {count} events, {runner.Name}: {report.Breaches.Count} breach(es); answered SUCCESS {report.Succeeded}, "
            + $"FAILED {report.Failed}; unanswerable {report.Unanswerable}; refused as untrusted {report.Refused}; EMR requests {report.EmrRequests}\n");
        foreach (var breach in report.Breaches.Take(40))
        {
            text.Append("  ").Append(breach).Append('\n');
        }

        return text.ToString();
    }
}
