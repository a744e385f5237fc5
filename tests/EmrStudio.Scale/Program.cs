using EmrStudio.Scale;

// Runs the scale scenarios (ScaleScenarios.All), prints one Markdown table each on standard output (progress goes to
// standard error), and fails only on a broken guarantee, never on a timing: exit 1 when a check failed, 2 for a bad
// command line.
ScaleSettings settings;
try
{
    settings = ScaleSettings.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

var unknown = settings.Only.Except(ScaleScenarios.All.Select(scenario => scenario.Name), StringComparer.Ordinal).ToList();
if (unknown.Count > 0)
{
    await Console.Error.WriteLineAsync($"No scenario named {string.Join(", ", unknown)}; there are {string.Join(", ", ScaleScenarios.All.Select(scenario => scenario.Name))}.");
    return 2;
}

var context = new ScaleContext(settings);
var failures = new List<string>();
foreach (var scenario in ScaleScenarios.All.Where(scenario => settings.Only.Count == 0 || settings.Only.Contains(scenario.Name)))
{
    var report = await scenario.RunAsync(context, CancellationToken.None);
    Console.WriteLine(report.Render());
    failures.AddRange(report.Failures.Select(failure => $"{report.Title}: {failure}"));
}

if (failures.Count == 0)
{
    return 0;
}

await Console.Error.WriteLineAsync($"{failures.Count} check(s) failed:");
foreach (var failure in failures)
{
    await Console.Error.WriteLineAsync("  " + failure);
}

return 1;
