using System.Text.Json;
using EmrStudio.Benchmarks;
using EmrStudio.Testing;

// Publishes the handler (the Native AOT release zip, and a framework-dependent JIT build of the same code) and the
// empty program (the floor), starts them interleaved against the in-process fakes over HTTPS, prints the measured
// numbers and the ratios between builds, and writes artifacts/benchmarks/results.json.
BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

var repoRoot = RepositoryRoot.Find();
var startedAt = DateTimeOffset.UtcNow;
var empty = HandlerPublisher.PublishEmptyProgram(repoRoot, settings.SkipPublish);
List<HandlerBuild> builds = [HandlerPublisher.PublishAot(repoRoot, settings.SkipPublish)];
if (!settings.AotOnly)
{
    builds.Add(HandlerPublisher.PublishJit(repoRoot, settings.SkipPublish));
}

foreach (var other in settings.CompareWith)
{
    var name = Path.GetFileName(other) == "bootstrap" ? Path.GetFileName(Path.GetDirectoryName(other))! : Path.GetFileName(other);
    builds.Add(new HandlerBuild(name, other, null, new FileInfo(other).Length, null));
}

await using var fakes = await BenchmarkFakes.StartAsync(settings.WithRecord, settings.HandlerEnvironment);
var floor = new EmptyProgramMeasurement(fakes, empty);
var measurements = builds.Select(build => new HandlerMeasurement(fakes, build)).ToList();

// One unmeasured start of each first: the first process of a run pays for the page cache and the fakes' own warm-up.
await floor.ColdStartAsync();
foreach (var measurement in measurements)
{
    await measurement.ColdStartAsync();
}

// Interleaved, so that whatever else the machine does at a given moment weighs on every build alike, and in an order
// that rotates from round to round, so that no build always follows the same one.
var floorSamples = new List<double>();
var coldSamples = builds.Select(_ => new List<ColdStartSample>()).ToList();
for (var run = 0; run < settings.ColdRuns; run++)
{
    for (var slot = 0; slot <= builds.Count; slot++)
    {
        var index = (run + slot) % (builds.Count + 1);
        if (index == builds.Count)
        {
            floorSamples.Add(await floor.ColdStartAsync());
        }
        else
        {
            coldSamples[index].Add(await measurements[index].ColdStartAsync());
        }
    }

    await Console.Error.WriteAsync('.');
}

await Console.Error.WriteLineAsync();
var results = new List<BuildResult>();
for (var index = 0; index < builds.Count; index++)
{
    var warm = await measurements[index].WarmAsync(settings.WarmupEvents, settings.WarmEvents);
    results.Add(Summarise(builds[index], coldSamples[index], warm));
}

var aot = results[0];
List<PairedRatio> ratios =
[
    PairedRatio.Of("AOT whole cold start / empty program", aot.TotalSamplesMs, floorSamples),
    PairedRatio.Of("AOT spawn -> answer PUT / empty program", aot.ToAnswerSamplesMs, floorSamples),
    .. results.Skip(1).SelectMany(result => (PairedRatio[])
    [
        PairedRatio.Of($"{result.Name} whole cold start / AOT", result.TotalSamplesMs, aot.TotalSamplesMs),
        PairedRatio.Of($"{result.Name} CPU time / AOT", result.CpuSamplesMs, aot.CpuSamplesMs),
    ]),
];

var report = new BenchmarkReport(
    startedAt,
    BenchmarkReport.DescribeMachine(),
    settings.ColdRuns,
    settings.WarmEvents,
    Distribution.Of(floorSamples),
    empty.BootstrapBytes,
    [.. floorSamples.Select(sample => Math.Round(sample, 3))],
    results,
    ratios);

var resultsPath = Path.Combine(repoRoot, "artifacts", "benchmarks", "results.json");
Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);
await File.WriteAllTextAsync(resultsPath, JsonSerializer.Serialize(report, ReportJson.Options));
await Console.Out.WriteLineAsync(settings.WithRecord
    ? "The handler has its record, as every deployment does: a table on dynalite, one GetItem and one PutItem per Create."
    : "The handler has no record (--no-record): it runs event by event, as a deployment without the table does.");
await Console.Out.WriteLineAsync(report.ToText());
await Console.Out.WriteLineAsync($"Written to {Path.GetRelativePath(repoRoot, resultsPath)}");
return 0;

static BuildResult Summarise(HandlerBuild build, List<ColdStartSample> cold, WarmSample warm) =>
    new(
        build.Name,
        ColdStartSummary.Of(cold),
        Distribution.Of(warm.Milliseconds),
        Math.Round(Distribution.Of(cold.Select(sample => (double)sample.PeakResidentKib)).Median / 1024, 1),
        Math.Round(warm.PeakResidentKib / 1024.0, 1),
        build.BootstrapBytes,
        build.ZipBytes,
        [.. cold.Select(sample => Math.Round(sample.TotalMs, 3))],
        [.. cold.Select(sample => Math.Round(sample.ToAnswerMs, 3))],
        [.. cold.Select(sample => Math.Round(sample.CpuMs, 3))]);
