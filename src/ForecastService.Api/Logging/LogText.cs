using System.Text;
using System.Text.RegularExpressions;

namespace ForecastService.Api.Logging;

/// <summary>
/// Makes caller- and exception-supplied text safe to log: no control characters (an encoded newline in a path must
/// not forge a second log line in text sinks), no stack traces and no absolute file paths (they reveal the layout of
/// the host to whoever reads the logs).
/// </summary>
internal static partial class LogText
{
    private const int MaxLength = 512;

    /// <summary>The text with control characters escaped as <c>\uXXXX</c>, cut to 512 characters.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, MaxLength));
        if (!span.ContainsAnyInRange('\u0000', '\u001f') && !span.Contains('\u007f'))
        {
            return span.Length == text.Length ? text : string.Concat(span, "…");
        }

        var builder = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return span.Length == text.Length ? builder.ToString() : builder.Append('…').ToString();
    }

    /// <summary>The request's path as logs carry it: escaped, <c>/</c> when empty.</summary>
    public static string PathOf(HttpRequest request) => Escape(request.Path.Value ?? "/");

    /// <summary>
    /// "Type: message" of an exception and its inner exceptions, with absolute paths cut to their file name: enough to
    /// diagnose with the correlation id, without a stack trace or the host's directory layout.
    /// </summary>
    public static string Summarize(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var builder = new StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (builder.Length > 0)
            {
                builder.Append(" ---> ");
            }

            builder.Append(e.GetType().Name).Append(": ").Append(RedactPaths(e.Message));
        }

        return Escape(builder.ToString());
    }

    /// <summary>Replaces every absolute path (/a/b/c.onnx, C:\a\b) by <c>…/c.onnx</c>.</summary>
    public static string RedactPaths(string text) => AbsolutePath().Replace(text, m =>
    {
        var path = m.Value.TrimEnd('.', ',', ';', ':', '\'', '"', ')');
        var tail = m.Value[path.Length..];
        var name = path.Split('/', '\\').LastOrDefault(part => part.Length > 0) ?? string.Empty;
        return "…/" + name + tail;
    });

    // A path starts at a slash or drive letter that follows start, whitespace, a quote or an opening bracket.
    [GeneratedRegex(@"(?<=^|[\s'""(\[=])(?:[A-Za-z]:\\|/)[^\s'""]*[/\\][^\s'""]*")]
    private static partial Regex AbsolutePath();
}
