using System.Text.RegularExpressions;

namespace ForecastService.Api.Streaming;

/// <summary>
/// The grammar of a stream id: 1 to 128 of the URL's unreserved characters (<c>A–Z a–z 0–9 . _ ~ -</c>), except
/// <c>.</c> and <c>..</c>. An id is a path segment of every later call, so it must reach the route unchanged: a
/// <c>/</c>, a <c>%</c> or a space would be escaped in <c>Location</c> and never match again, and Kestrel folds the
/// dot segments away before routing. Refusing such ids at warm-up keeps a client from holding a slot it cannot reach.
/// </summary>
internal static partial class StreamIds
{
    public const int MaxLength = 128;

    /// <summary>The rule, as every refusal states it.</summary>
    public const string Rule = "A stream id is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-' (not '.' or '..'), so it can be used as it is in the stream's URL.";

    public static bool IsValid(string? id) => id is not null && id is not "." and not ".." && Grammar().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._~-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
