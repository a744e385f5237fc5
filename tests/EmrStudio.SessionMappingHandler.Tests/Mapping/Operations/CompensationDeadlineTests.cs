using EmrStudio.SessionMappingHandler.Mapping.Operations;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping.Operations;

public sealed class CompensationDeadlineTests
{
    private readonly FakeTimeProvider _time = new(MappingWorld.Start);

    [Fact]
    public void Token_EventTokenEnds_EndsOnlyAfterTheGrace()
    {
        using var eventToken = new CancellationTokenSource();
        using var deadline = new CompensationDeadline(TimeSpan.FromSeconds(2), _time, eventToken.Token);

        eventToken.Cancel();
        _time.Advance(TimeSpan.FromSeconds(1.9));
        var beforeGrace = deadline.Token.IsCancellationRequested;
        _time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.False(beforeGrace);
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Token_EventTokenAlreadyEnded_StillGetsTheGrace()
    {
        using var eventToken = new CancellationTokenSource();
        eventToken.Cancel();

        using var deadline = new CompensationDeadline(TimeSpan.FromSeconds(2), _time, eventToken.Token);

        Assert.False(deadline.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(deadline.Token.IsCancellationRequested);
    }

    [Fact]
    public void Dispose_ThenEventTokenEnds_DoesNotThrow()
    {
        using var eventToken = new CancellationTokenSource();
        var deadline = new CompensationDeadline(TimeSpan.FromSeconds(2), _time, eventToken.Token);

        deadline.Dispose();

        eventToken.Cancel();
    }
}
