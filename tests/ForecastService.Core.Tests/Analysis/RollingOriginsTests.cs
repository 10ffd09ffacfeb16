using ForecastService.Core.Analysis;

namespace ForecastService.Core.Tests.Analysis;

public sealed class RollingOriginsTests
{
    [Fact]
    public void Place_FourWindowsStepTwo_LastWindowEndsAtLastPoint()
    {
        // n = 20, horizon 3: o_k = 20 - 3 - (3 - k) * 2.
        var origins = RollingOrigins.Place(20, horizon: 3, windows: 4, step: 2);

        Assert.Equal([11, 13, 15, 17], origins);
    }

    [Fact]
    public void Place_StepLongerThanHorizon_LeavesGapsBetweenWindows()
    {
        Assert.Equal([2, 7], RollingOrigins.Place(9, horizon: 2, windows: 2, step: 5));
    }

    [Fact]
    public void RequiredLength_HistoryHorizonAndSteps_AddsUp()
    {
        // 24 points of history before the first origin, then 3 more origins 6 apart, then a horizon of 6.
        Assert.Equal(24 + 6 + (3 * 6), RollingOrigins.RequiredLength(24, horizon: 6, windows: 4, step: 6));
    }

    [Fact]
    public void RequiredLength_HugeWindowsAndStep_DoesNotOverflow()
    {
        Assert.Equal(10 + 1 + (2_147_483_646L * 2_147_483_647L), RollingOrigins.RequiredLength(10, 1, int.MaxValue, int.MaxValue));
    }

    [Fact]
    public void Place_SeriesTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => RollingOrigins.Place(5, horizon: 3, windows: 2, step: 2));
    }
}
