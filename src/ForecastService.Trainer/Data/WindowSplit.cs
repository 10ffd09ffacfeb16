namespace ForecastService.Trainer.Data;

/// <summary>Windows of the three chronological splits.</summary>
public sealed record WindowSplit(IReadOnlyList<WindowOrigin> Train, IReadOnlyList<WindowOrigin> Validation, IReadOnlyList<WindowOrigin> Test);
