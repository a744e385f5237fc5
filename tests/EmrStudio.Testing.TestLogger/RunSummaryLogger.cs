using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace EmrStudio.Testing.TestLogger;

/// <summary>
/// Writes what one test project's run took to <c>artifacts/test-results/&lt;test assembly&gt;.tsv</c> in the
/// repository the tests come from: its counts, the time its tests ran (fixtures included), and each test's own time.
/// <c>dotnet test Infra.sln</c> adds the files of its projects up into one closing total (after.Infra.sln.targets).
/// While the tests run it says every <see cref="Heartbeat"/> how far they got, so that the console is never silent
/// for long even when many short tests run one after another.
/// </summary>
[FriendlyName(FriendlyName)]
[ExtensionUri(ExtensionUri)]
public sealed class RunSummaryLogger : ITestLoggerWithParameters
{
    public const string FriendlyName = "EmrStudioRunSummary";
    public const string ExtensionUri = "logger://EmrStudio/RunSummary";

    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    private readonly List<TestResult> _results = [];
    private readonly Lock _gate = new();
    private readonly Stopwatch _watch = new();
    private string _assembly = "tests";
    private Timer? _heartbeat;

    public void Initialize(TestLoggerEvents events, string testRunDirectory) => Initialize(events, new Dictionary<string, string?>());

    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.TestRunStart += (_, e) =>
        {
            _assembly = e.TestRunCriteria.Sources?.Select(Path.GetFileNameWithoutExtension).FirstOrDefault() ?? _assembly;
            _watch.Start();
            _heartbeat = new Timer(_ => Beat(), null, Heartbeat, Heartbeat);
        };
        events.TestResult += (_, e) =>
        {
            lock (_gate)
            {
                _results.Add(e.Result);
            }
        };
        events.TestRunComplete += (_, e) =>
        {
            _heartbeat?.Dispose();
            Write(e);
        };
    }

    private void Beat()
    {
        int done, failed;
        lock (_gate)
        {
            done = _results.Count;
            failed = Count(_results, TestOutcome.Failed);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_assembly}: {done} tests done ({failed} failed) after {_watch.Elapsed.TotalSeconds:F0} s"));
    }

    private void Write(TestRunCompleteEventArgs completed)
    {
        List<TestResult> results;
        lock (_gate)
        {
            results = [.. _results];
        }

        if (results.Count == 0 || FindRepository(results[0].TestCase.Source) is not { } repository)
        {
            return;
        }

        var assembly = Path.GetFileNameWithoutExtension(results[0].TestCase.Source);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"run\t{assembly}\t{Count(results, TestOutcome.Passed)}\t{Count(results, TestOutcome.Failed)}\t{results.Count - Count(results, TestOutcome.Passed) - Count(results, TestOutcome.Failed)}\t{completed.ElapsedTimeInRunningTests.TotalSeconds:F1}\n");
        foreach (var result in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"test\t{result.Duration.TotalSeconds:F1}\t{result.Outcome}\t{OneLine(result.DisplayName ?? result.TestCase.DisplayName)}\n");
        }

        var directory = Path.Combine(repository, "artifacts", "test-results");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, assembly + ".tsv"), text.ToString());
    }

    private static int Count(List<TestResult> results, TestOutcome outcome) => results.Count(result => result.Outcome == outcome);

    private static string OneLine(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>The folder holding Infra.sln above the test assembly, or null outside a clone.</summary>
    private static string? FindRepository(string source)
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(source)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Infra.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
