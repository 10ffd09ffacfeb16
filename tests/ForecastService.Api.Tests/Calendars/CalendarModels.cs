using System.Globalization;
using System.Text;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Calendars;

/// <summary>
/// Tiny models trained by the real trainer, in one temporary repository: <c>bd-prices</c>, business days with exchange
/// holidays (the September 2001 closure among them); <c>fx-rates</c>, half-hours from Sunday 22:00 to Friday 21:30 UTC
/// with the weekend break; <c>station-tmax</c>, daily without 29 February (a 365-day year); and <c>gdp-quarterly</c>
/// and <c>gdp-yearly</c>, whose frequencies are given by alias.
/// </summary>
public sealed class CalendarModels : IDisposable
{
    public const string BusinessDayModel = "bd-prices";
    public const string SessionModel = "fx-rates";
    public const string QuarterlyModel = "gdp-quarterly";
    public const string YearlyModel = "gdp-yearly";
    public const string NoLeapModel = "station-tmax";
    public const int NoLeapLookback = 28;
    public const int BusinessDayLookback = 20;
    public const int SessionLookback = 56;

    // NYSE closures from November 2000 to December 2001, including 11-14 September 2001.
    private static readonly DateTime[] Holidays =
    [
        new(2000, 11, 23), new(2000, 12, 25), new(2001, 1, 1), new(2001, 1, 15), new(2001, 2, 19), new(2001, 4, 13),
        new(2001, 5, 28), new(2001, 7, 4), new(2001, 9, 3), new(2001, 9, 11), new(2001, 9, 12), new(2001, 9, 13),
        new(2001, 9, 14), new(2001, 11, 22), new(2001, 12, 25),
    ];

    private readonly FixtureRepository _repository = new();

    public CalendarModels()
    {
        var data = Path.Combine(_repository.Root, "..", Path.GetFileName(_repository.Root) + "-data");
        Directory.CreateDirectory(data);
        DataFolder = data;

        var bd = Path.Combine(data, "bd.csv");
        File.WriteAllText(bd, Csv(TradingDays(new DateTime(2000, 11, 1), new DateTime(2001, 12, 31)), t => 100 + (5 * Math.Sin(t / 5.0)) + (t * 0.05)));
        BusinessDayTraining = Train(BusinessDayModel, bd, "--lookback", $"{BusinessDayLookback}", "--horizon", "5");

        var fx = Path.Combine(data, "fx.csv");
        File.WriteAllText(fx, Csv(FxHalfHours(new DateTime(2026, 2, 1, 22, 0, 0), new DateTime(2026, 2, 27, 22, 0, 0)), t => 1.1 + (0.01 * Math.Sin(2 * Math.PI * t / 48))));
        SessionTraining = Train(SessionModel, fx, "--calendar", "sessions", "--lookback", $"{SessionLookback}", "--horizon", "6", "--train-stride", "4");

        var quarterly = Path.Combine(data, "quarterly.csv");
        File.WriteAllText(quarterly, Csv(Enumerable.Range(0, 120).Select(i => new DateTime(1990, 1, 1).AddMonths(3 * i)), t => 100 + (10 * Math.Sin(Math.PI * t / 2)) + t));
        QuarterlyTraining = Train(QuarterlyModel, quarterly, "--frequency", "QS", "--lookback", "8", "--horizon", "4");

        // No --calendar: the trainer infers noleap because both leap days the data spans are absent.
        var noLeap = Path.Combine(data, "noleap.csv");
        var days = Enumerable.Range(0, 6 * 366).Select(i => new DateTime(2019, 1, 1).AddDays(i)).Where(d => d.Year < 2025 && !(d.Month == 2 && d.Day == 29));
        File.WriteAllText(noLeap, Csv(days, t => 20 + (8 * Math.Sin(2 * Math.PI * t / 365))));
        NoLeapTraining = Train(NoLeapModel, noLeap, "--lookback", $"{NoLeapLookback}", "--horizon", "7");

        var yearly = Path.Combine(data, "yearly.csv");
        File.WriteAllText(yearly, Csv(Enumerable.Range(0, 80).Select(i => new DateTime(1940 + i, 1, 1)), t => 100 + (2 * t) + (t % 3)));
        YearlyTraining = Train(YearlyModel, yearly, "--frequency", "A", "--lookback", "8", "--horizon", "2");
    }

    public string Root => _repository.Root;

    public string DataFolder { get; }

    public (int ExitCode, string Output) BusinessDayTraining { get; }

    public (int ExitCode, string Output) SessionTraining { get; }

    public (int ExitCode, string Output) QuarterlyTraining { get; }

    public (int ExitCode, string Output) YearlyTraining { get; }

    public (int ExitCode, string Output) NoLeapTraining { get; }

    /// <summary>Weekdays from <paramref name="from"/> to <paramref name="to"/> that are not exchange holidays.</summary>
    public static IEnumerable<DateTime> TradingDays(DateTime from, DateTime to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day))
            {
                yield return day;
            }
        }
    }

    /// <summary>Half-hours from <paramref name="from"/> up to <paramref name="to"/>, without Friday 22:00 to Sunday 22:00.</summary>
    public static IEnumerable<DateTime> FxHalfHours(DateTime from, DateTime to)
    {
        for (var t = from; t < to; t = t.AddMinutes(30))
        {
            var weekend = (t.DayOfWeek == DayOfWeek.Friday && t.Hour >= 22) || t.DayOfWeek == DayOfWeek.Saturday || (t.DayOfWeek == DayOfWeek.Sunday && t.Hour < 22);
            if (!weekend)
            {
                yield return t;
            }
        }
    }

    public static string Format(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(DataFolder, recursive: true);
    }

    private static string Csv(IEnumerable<DateTime> timestamps, Func<int, double> value)
    {
        var csv = new StringBuilder("timestamp,value\n");
        var t = 0;
        foreach (var timestamp in timestamps)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Format(timestamp)},{Math.Round(value(t++), 5)}\n");
        }

        return csv.ToString();
    }

    // Two epochs of a 4-unit network are about calendars, not accuracy: such a model may lose to naive on its held-out
    // windows, and the trainer's guardrail would then refuse to write it.
    private (int ExitCode, string Output) Train(string name, string csv, params string[] options) => TrainerProcess.Run(
        [
            "train", "--name", name, "--domain", "finance", "--description", "tiny calendar test model", "--data", csv,
            "--hidden", "4", "--epochs", "2", "--batch-size", "32", "--seed", "1", "--threads", "1", "--output", _repository.Root, "--quiet",
            "--allow-worse-than-baseline", .. options,
        ]);
}
