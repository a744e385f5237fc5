namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A "random" source that always draws the same fraction, so that a jittered wait has a known length.</summary>
internal sealed class FixedRandom : Random
{
    private readonly double _fraction;

    public FixedRandom(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fraction, 1);
        _fraction = fraction;
    }

    public override double NextDouble() => _fraction;

    protected override double Sample() => _fraction;
}
