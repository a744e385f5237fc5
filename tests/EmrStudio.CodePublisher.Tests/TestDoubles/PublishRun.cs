namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>One run of the publish command: its exit code, standard output and standard error.</summary>
public sealed record PublishRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> Lines(string region) =>
        [.. Output.Split('\n').Where(line => line.StartsWith($"[{region}] ", StringComparison.Ordinal)).Select(line => line[(region.Length + 3)..])];

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
