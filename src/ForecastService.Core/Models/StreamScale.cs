namespace ForecastService.Core.Models;

/// <summary>
/// The scaling a stream freezes when it is warmed: the step model sees z = (x − <paramref name="Mean"/>) /
/// <paramref name="Spread"/> and returns <paramref name="Mean"/> + <paramref name="Spread"/>·q.
/// </summary>
/// <param name="Mean">Mean of the warm-up window.</param>
/// <param name="Spread">Population standard deviation of the warm-up window plus a small level-relative floor; always positive.</param>
public readonly record struct StreamScale(float Mean, float Spread);
