namespace ForecastService.Trainer.Backtesting;

/// <summary>One series' figures over all origins, as the kit defines them (see <see cref="KitScorer"/>).</summary>
/// <param name="Mase">Mean over origins of each origin's MASE.</param>
/// <param name="Smape">sMAPE in percent (0–200) over all points.</param>
/// <param name="Coverage80">Share of points inside [q10, q90].</param>
/// <param name="Width80">Mean q90 − q10, in the series' units.</param>
/// <param name="SortedRows">Rows whose crossing quantiles were sorted before scoring.</param>
internal sealed record SeriesScore(double Mase, double Smape, double Coverage80, double Width80, int SortedRows);
