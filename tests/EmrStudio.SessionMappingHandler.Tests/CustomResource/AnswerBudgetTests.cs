using EmrStudio.SessionMappingHandler.CustomResource;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource;

public sealed class AnswerBudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1000, 500, 250)]
    [InlineData(3000, 1500, 750)]
    [InlineData(8000, 4000, 2000)]
    [InlineData(30_000, 6000, 2000)]
    [InlineData(120_000, 10_000, 2000)]
    [InlineData(900_000, 10_000, 2000)]
    public void For_TimeLeft_ReservesTwentyPercentWithinHalfOfItOrFourToTenSeconds(int remainingMs, int reserveMs, int cleanupMs)
    {
        var budget = AnswerBudget.For(Now.AddMilliseconds(remainingMs), Now);

        Assert.Equal(TimeSpan.FromMilliseconds(reserveMs), budget.Reserve);
        Assert.Equal(TimeSpan.FromMilliseconds(cleanupMs), budget.CleanupAllowance);
    }

    [Fact]
    public void For_LambdasDefaultThreeSeconds_LeavesTheProviderHalfAndTheAnswerAQuarter()
    {
        var deadline = Now.AddSeconds(3);
        var budget = AnswerBudget.For(deadline, Now);

        Assert.Equal(Now.AddMilliseconds(1500), budget.ProviderDeadline);
        Assert.Equal(Now.AddMilliseconds(2250), budget.AbandonAt);
        Assert.Equal(deadline - TimeSpan.FromMilliseconds(187.5), budget.DeliveryEnd(undoPending: false, Now.AddMilliseconds(1600)));
        Assert.Equal(deadline - TimeSpan.FromMilliseconds(375), budget.DeliveryEnd(undoPending: true, Now.AddMilliseconds(1600)));
    }

    [Fact]
    public void DeliveryEnd_DeadlinePassed_StillAllowsOneBoundedAttempt()
    {
        var budget = AnswerBudget.For(Now.AddSeconds(-1), Now);

        Assert.Equal(Now + AnswerBudget.MinimumDeliveryAttempt, budget.DeliveryEnd(undoPending: true, Now));
        Assert.True(budget.ProviderDeadline <= Now);
    }

    [Fact]
    public void DeliveryEnd_AmpleTime_StopsAQuarterSecondBeforeTheDeadline()
    {
        var deadline = Now.AddMinutes(2);

        Assert.Equal(deadline - AnswerBudget.MaxDeliveryMargin, AnswerBudget.For(deadline, Now).DeliveryEnd(undoPending: false, Now.AddSeconds(100)));
    }
}
