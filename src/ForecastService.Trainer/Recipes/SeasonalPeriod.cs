namespace ForecastService.Trainer.Recipes;

/// <summary>A seasonal period in steps, named for people the way seasonal naive at it reads (e.g. "same hour last week").</summary>
public sealed record SeasonalPeriod(int Length, string Name);
