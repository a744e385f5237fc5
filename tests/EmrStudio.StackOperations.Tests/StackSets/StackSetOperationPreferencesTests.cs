using EmrStudio.Testing.Stacks.StackSets;
using Xunit;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>How preferences turn into numbers per region, and which ones CloudFormation refuses.</summary>
public sealed class StackSetOperationPreferencesTests
{
    [Theory]
    [InlineData(50, 4, 2)]
    [InlineData(50, 5, 2)]
    [InlineData(20, 4, 1)]
    [InlineData(1, 20, 1)]
    [InlineData(100, 20, 20)]
    public void MaxConcurrentFor_Percentage_RoundsDownButNeverToZero(int percentage, int accounts, int expected)
    {
        var preferences = new StackSetOperationPreferences { MaxConcurrentPercentage = percentage };

        Assert.Equal(expected, preferences.MaxConcurrentFor(accounts));
    }

    [Theory]
    [InlineData(25, 4, 1)]
    [InlineData(25, 3, 0)]
    [InlineData(10, 20, 2)]
    public void FailureToleranceFor_Percentage_RoundsDown(int percentage, int accounts, int expected)
    {
        var preferences = new StackSetOperationPreferences { FailureTolerancePercentage = percentage };

        Assert.Equal(expected, preferences.FailureToleranceFor(accounts));
    }

    [Fact]
    public void ConcurrencyLimit_Defaults_OneAccountAtATimeAndStopAtTheFirstFailure()
    {
        var preferences = new StackSetOperationPreferences();

        Assert.Equal(1, preferences.ConcurrencyLimit(accounts: 10, failures: 0));
        Assert.Equal(0, preferences.ConcurrencyLimit(accounts: 10, failures: 1));
    }

    [Fact]
    public void ConcurrencyLimit_StrictMode_NeverMoreThanToleranceLeftPlusOne()
    {
        var preferences = new StackSetOperationPreferences { MaxConcurrentCount = 5, FailureToleranceCount = 2 };

        Assert.Equal([3, 2, 1, 0], Enumerable.Range(0, 4).Select(failures => preferences.ConcurrencyLimit(accounts: 10, failures)));
    }

    [Fact]
    public void ConcurrencyLimit_SoftMode_KeepsTheMaximumUntilTheToleranceIsExceeded()
    {
        var preferences = new StackSetOperationPreferences { MaxConcurrentCount = 5, FailureToleranceCount = 2, ConcurrencyMode = ConcurrencyMode.SoftFailureTolerance };

        Assert.Equal([5, 5, 5, 0], Enumerable.Range(0, 4).Select(failures => preferences.ConcurrencyLimit(accounts: 10, failures)));
    }

    [Fact]
    public void OrderRegions_RegionOrder_PutsThoseFirstAndKeepsTheRestInTheGivenOrder()
    {
        var preferences = new StackSetOperationPreferences { RegionOrder = ["eu-west-1"] };

        Assert.Equal(["eu-west-1", "us-east-1", "ap-southeast-2"], preferences.OrderRegions(["us-east-1", "ap-southeast-2", "eu-west-1"]));
    }

    [Fact]
    public void OrderRegions_RegionOrderNamesAnotherRegion_IsAValidationError()
    {
        var preferences = new StackSetOperationPreferences { RegionOrder = ["sa-east-1"] };

        var error = Assert.Throws<StackSetException>(() => preferences.OrderRegions(["us-east-1"]));

        Assert.Equal(StackSetException.ValidationError, error.Code);
        Assert.Contains("sa-east-1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 50, null, null)]
    [InlineData(null, null, 1, 10)]
    [InlineData(0, null, null, null)]
    [InlineData(null, 101, null, null)]
    [InlineData(null, null, -1, null)]
    public void OrderRegions_ContradictoryOrOutOfRangeNumbers_IsAValidationError(int? maxCount, int? maxPercentage, int? toleranceCount, int? tolerancePercentage)
    {
        var preferences = new StackSetOperationPreferences
        {
            MaxConcurrentCount = maxCount,
            MaxConcurrentPercentage = maxPercentage,
            FailureToleranceCount = toleranceCount,
            FailureTolerancePercentage = tolerancePercentage,
        };

        Assert.Equal(StackSetException.ValidationError, Assert.Throws<StackSetException>(() => preferences.OrderRegions(["us-east-1"])).Code);
    }
}
