namespace ForecastService.Api.Logging;

/// <summary>
/// The id that ties a response to its log events. A caller's <c>X-Correlation-Id</c> is kept when it is short and
/// plain; otherwise the server makes one. It becomes the request's <c>TraceIdentifier</c>, so every log scope carries it.
/// </summary>
internal static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 64;

    public static string From(HttpContext context)
    {
        var supplied = context.Request.Headers[HeaderName].ToString();
        return IsAcceptable(supplied) ? supplied : Guid.NewGuid().ToString("N");
    }

    private static bool IsAcceptable(string value)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
