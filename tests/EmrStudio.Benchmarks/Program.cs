using System.Text.Json;
using EmrStudio.Benchmarks;
using EmrStudio.Testing;

// Publishes the handler (Native AOT release zip, and a framework-dependent JIT build of the same code), runs both against
// the in-process fakes over HTTPS, prints a table and writes artifacts/benchmarks/results.json.
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
var aot = HandlerPublisher.PublishAot(repoRoot, settings.SkipPublish);
var jit = settings.CompareWith is { } other
    ? new HandlerBuild("other", other, null, new FileInfo(other).Length, null)
    : settings.AotOnly ? null : HandlerPublisher.PublishJit(repoRoot, settings.SkipPublish);

await using var fakes = await BenchmarkFakes.StartAsync(settings.HandlerEnvironment);
var aotMeasurement = new HandlerMeasurement(fakes, aot);
var jitMeasurement = jit is null ? null : new HandlerMeasurement(fakes, jit);

// One unmeasured start of each first: the first process of a run pays for the page cache and the fakes' own warm-up.
await aotMeasurement.ColdStartAsync();
if (jitMeasurement is not null)
{
    await jitMeasurement.ColdStartAsync();
}

// Interleaved, so that whatever else the machine does at a given moment weighs on both builds alike.
var aotCold = new List<ColdStartSample>();
var jitCold = new List<ColdStartSample>();
for (var run = 0; run < settings.ColdRuns; run++)
{
    aotCold.Add(await aotMeasurement.ColdStartAsync());
    if (jitMeasurement is not null)
    {
        jitCold.Add(await jitMeasurement.ColdStartAsync());
    }

    await Console.Error.WriteAsync('.');
}

await Console.Error.WriteLineAsync();
var aotWarm = await aotMeasurement.WarmAsync(settings.WarmupEvents, settings.WarmEvents);
var jitWarm = jitMeasurement is null ? null : await jitMeasurement.WarmAsync(settings.WarmupEvents, settings.WarmEvents);

var report = new BenchmarkReport(
    startedAt,
    BenchmarkReport.DescribeMachine(),
    settings.ColdRuns,
    settings.WarmEvents,
    Summarise(aot, aotCold, aotWarm),
    jit is null ? null : Summarise(jit, jitCold, jitWarm!));

var resultsPath = Path.Combine(repoRoot, "artifacts", "benchmarks", "results.json");
Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);
await File.WriteAllTextAsync(resultsPath, JsonSerializer.Serialize(report, ReportJson.Options));
await Console.Out.WriteLineAsync(report.ToTable());
await Console.Out.WriteLineAsync($"Written to {Path.GetRelativePath(repoRoot, resultsPath)}");
return 0;

static BuildResult Summarise(HandlerBuild build, List<ColdStartSample> cold, WarmSample warm) =>
    new(
        build.Name,
        Distribution.Of(cold.Select(sample => sample.Milliseconds)),
        Distribution.Of(warm.Milliseconds),
        Math.Round(Distribution.Of(cold.Select(sample => (double)sample.PeakResidentKib)).Median / 1024, 1),
        Math.Round(warm.PeakResidentKib / 1024.0, 1),
        build.BootstrapBytes,
        build.ZipBytes,
        [.. cold.Select(sample => Math.Round(sample.Milliseconds, 3))]);
