namespace ForecastService.Trainer.Nn;

/// <summary>
/// Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9), used to start
/// the quantile head at the quantiles of a standard normal so early training already yields sensible intervals.
/// </summary>
internal static class NormalQuantile
{
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    public static double Of(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Tail(q);
        }

        if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Tail(q);
        }

        var r = p - 0.5;
        var t = r * r;
        return Horner(A, t) * r / ((Horner(B, t) * t) + 1);
    }

    private static double Tail(double q) => Horner(C, q) / ((Horner(D, q) * q) + 1);

    private static double Horner(double[] coefficients, double x)
    {
        var acc = 0.0;
        foreach (var c in coefficients)
        {
            acc = (acc * x) + c;
        }

        return acc;
    }
}
