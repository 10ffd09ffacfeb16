using System.Globalization;
using System.Text.RegularExpressions;
using ForecastService.Core.Time;

namespace ForecastService.Core.Tests.Time;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2026-03-01", 2026, 3, 1, 0, 0)]
    [InlineData("2026-03-01T00:30:00", 2026, 3, 1, 30, 0)]
    [InlineData("2026-03-01T00:30:00Z", 2026, 3, 1, 30, 0)]
    [InlineData("2026-03-01T01:30:00+01:00", 2026, 3, 1, 90, 60)]
    public void TryParse_Iso8601_Parses(string text, int year, int month, int day, int minutes, int offsetMinutes)
    {
        Assert.True(Timestamps.TryParse(text, out var timestamp));
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.FromMinutes(offsetMinutes)).AddMinutes(minutes), timestamp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("03/01/2026")]
    [InlineData("2026-3-1")]
    [InlineData("2026-03-01 00:00:00")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    [InlineData(" 2026-03-01")]
    public void TryParse_NotStrictIso8601_Fails(string text)
    {
        Assert.False(Timestamps.TryParse(text, out _));
    }

    [Fact]
    public void Format_Utc_EndsWithZ()
    {
        Assert.Equal("2026-03-01T00:30:00Z", Timestamps.Format(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.Zero)));
    }

    // The formats the parser replaced, through .NET's own parser: the reference the hand-written one must agree with.
    private static readonly string[] ReferenceFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    [Fact]
    public void TryParse_RandomTimestampsAndMutations_AgreesWithDotNetExactParsing()
    {
        var random = new Random(20261121);
        const string alphabet = "0123456789-:T.Z+ zt";
        var accepted = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var text = RandomTimestamp(random);
            if (i % 2 == 1)
            {
                // Mutate: replace, insert or delete one character.
                var chars = new List<char>(text);
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: chars.RemoveAt(at); break;
                }

                text = new string([.. chars]);
            }

            var referenceOk = DateTimeOffset.TryParseExact(text, ReferenceFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected);
            var ok = Timestamps.TryParse(text, out var actual);

            // Two deliberate differences, both stricter: a '.' with no fraction digits, and a one-digit offset hour.
            var knownLooser = Regex.IsMatch(text, @"\.(?![0-9])|[+-][0-9]:");
            if (ok || !knownLooser)
            {
                Assert.True(referenceOk == ok, $"'{text}': reference {referenceOk}, ours {ok}");
            }

            if (ok)
            {
                accepted++;
                Assert.Equal(expected, actual);
                Assert.Equal(expected.Offset, actual.Offset);
            }
        }

        Assert.InRange(accepted, 15_000, 35_000);
    }

    [Theory]
    [InlineData("2026-03-01T00:00:00.Z")]
    [InlineData("2026-03-01T00:00:00+1:00")]
    [InlineData("2026-03-01T00:00:00+14:01")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-03-01T00:00:00.12345678Z")]
    [InlineData("2026-03-01t00:00:00Z")]
    [InlineData("2026-03-01T00:00:00z")]
    [InlineData("2024-02-30T00:00Z")]
    public void TryParse_EdgeCases_Refused(string text) => Assert.False(Timestamps.TryParse(text, out _));

    [Theory]
    [InlineData("2024-02-29T23:59:59.9999999-14:00")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-03-01T00:00+0530")]
    public void TryParse_Extremes_AgreeWithDotNet(string text)
    {
        Assert.True(Timestamps.TryParse(text, out var actual));
        Assert.True(DateTimeOffset.TryParseExact(text, ReferenceFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected));
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Offset, actual.Offset);
    }

    private static string RandomTimestamp(Random random)
    {
        var date = $"{random.Next(1, 10000):0000}-{random.Next(1, 13):00}-{random.Next(1, 32):00}";
        var shape = random.Next(6);
        if (shape == 0)
        {
            return date;
        }

        var text = $"{date}T{random.Next(0, 25):00}:{random.Next(0, 61):00}";
        if (shape >= 2)
        {
            text += $":{random.Next(0, 61):00}";
        }

        if (shape >= 3 && random.Next(2) == 0)
        {
            text += "." + string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)('0' + random.Next(10))));
        }

        return random.Next(4) switch
        {
            0 => text,
            1 => text + "Z",
            2 => text + $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(0, 16):00}:{random.Next(0, 60):00}",
            _ => text + $"{(random.Next(2) == 0 ? '+' : '-')}{random.Next(0, 16):00}{random.Next(0, 60):00}",
        };
    }
}
