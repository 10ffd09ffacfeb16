using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Tests.Data;

public sealed class WindowPlannerTests
{
    [Fact]
    public void Plan_OneSeries_SplitsTargetsChronologically()
    {
        // Length 100: test targets are steps [80, 100), validation [60, 80), training [0, 60).
        var options = new SplitOptions(Lookback: 10, Horizon: 5, ValidationFraction: 0.2, TestFraction: 0.2, TrainStride: 1, EvaluationStride: 5);

        var split = WindowPlanner.Plan([100], options);

        Assert.Equal(Enumerable.Range(10, 46).Select(o => new WindowOrigin(0, o)), split.Train);
        Assert.Equal([60, 65, 70, 75], split.Validation.Select(w => w.Origin));
        Assert.Equal([80, 85, 90, 95], split.Test.Select(w => w.Origin));
    }

    [Fact]
    public void Plan_ManySeries_NoTestTargetBeforeAnyTrainingTargetOfItsSeries()
    {
        var options = new SplitOptions(Lookback: 7, Horizon: 3, ValidationFraction: 0.15, TestFraction: 0.15, TrainStride: 2, EvaluationStride: 1);
        int[] lengths = [50, 73, 120];

        var split = WindowPlanner.Plan(lengths, options);

        for (var s = 0; s < lengths.Length; s++)
        {
            var lastTrainTarget = split.Train.Where(w => w.Series == s).Max(w => w.Origin + options.Horizon - 1);
            var lastValidationTarget = split.Validation.Where(w => w.Series == s).Max(w => w.Origin + options.Horizon - 1);
            var firstTestTarget = split.Test.Where(w => w.Series == s).Min(w => w.Origin);
            Assert.True(lastTrainTarget < firstTestTarget);
            Assert.True(lastValidationTarget < firstTestTarget);
            Assert.True(lastTrainTarget < split.Validation.Where(w => w.Series == s).Min(w => w.Origin));
            Assert.Equal(lengths[s], split.Test.Where(w => w.Series == s).Max(w => w.Origin) + options.Horizon);
        }

        Assert.All(split.Train.Concat(split.Validation).Concat(split.Test), w => Assert.True(w.Origin >= options.Lookback));
    }

    [Fact]
    public void Plan_SeriesTooShort_GivesNoWindows()
    {
        var options = new SplitOptions(Lookback: 20, Horizon: 5, ValidationFraction: 0.2, TestFraction: 0.2, TrainStride: 1, EvaluationStride: 1);

        var split = WindowPlanner.Plan([15], options);

        Assert.Empty(split.Train);
        Assert.Empty(split.Validation);
        Assert.Empty(split.Test);
    }
}
