using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping;

public sealed class EpochTimeTests
{
    [Fact]
    public void ToIso8601_WholeSeconds_IsUtcWithZ()
    {
        Assert.Equal("2026-11-24T05:00:00Z", EpochTime.ToIso8601(MappingWorld.Start.ToUnixTimeSeconds()));
    }

    [Fact]
    public void ToIso8601_FractionalSeconds_AreTruncated()
    {
        Assert.Equal("2026-11-24T05:00:00Z", EpochTime.ToIso8601(MappingWorld.Start.ToUnixTimeSeconds() + 0.999));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    [InlineData(1e300)]
    public void ToIso8601_Unusable_IsEmpty(double? seconds)
    {
        Assert.Equal(string.Empty, EpochTime.ToIso8601(seconds));
    }
}
