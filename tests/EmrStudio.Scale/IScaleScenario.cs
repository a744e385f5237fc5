namespace EmrStudio.Scale;

/// <summary>One group of rows of the scale command: it runs, measures, and checks what must hold whatever the timings.</summary>
internal interface IScaleScenario
{
    /// <summary>The name <c>--only</c> selects it by.</summary>
    string Name { get; }

    Task<ScaleReport> RunAsync(ScaleContext context, CancellationToken cancellationToken);
}
