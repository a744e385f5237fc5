namespace EmrStudio.Testing.Emr;

/// <summary>A token bucket: <paramref name="Burst"/> calls at once, then <paramref name="RatePerSecond"/> calls a second.</summary>
public sealed record FakeRateLimit(double RatePerSecond, int Burst);
