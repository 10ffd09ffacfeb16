using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ForecastService.Api.Errors;
using ForecastService.Api.Json;
using ForecastService.Core.Forecasting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ForecastService.Api.Endpoints;

/// <summary>
/// Reads a request body by hand rather than through minimal-API binding, so a wrong content type, an
/// oversized body and broken JSON each get their own problem response (415, 413, 400) that says what to fix.
/// </summary>
internal static class RequestBodyReader
{
    public static Task<(ForecastRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(request, maxBytes, ForecastJsonContext.Default.ForecastRequest, cancellationToken);

    /// <summary>Reads a body of type <typeparamref name="T"/> through its source-generated <paramref name="type"/>.</summary>
    public static async Task<(T? Request, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, long maxBytes, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                ProblemTypes.UnsupportedMediaType,
                "Unsupported media type",
                $"Send the body as JSON with the header Content-Type: application/json (got '{Clip(request.ContentType ?? "none")}')."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // Kestrel stops a chunked body at this limit too; TestServer has no such feature, so the copy below also counts.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        // A pooled buffer: a body is parsed once and dropped, so renting saves the largest allocation of a request.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 256, maxBytes + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }

            return (JsonSerializer.Deserialize(buffer.AsSpan(0, length), type), null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(maxBytes)
                : Problems.Create(ex.StatusCode, ProblemTypes.MalformedJson, "Bad request body", ex.Message));
        }
        catch (JsonException ex)
        {
            // Named like the validation errors (series[0].values), not JSONPath ($.series[0].values).
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [Describe(ex)] })
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.MalformedJson,
                Title = "Malformed JSON",
                Detail = "The body is not valid JSON or does not have the shape of this endpoint's request; see errors for where.",
            };
            return (null, TypedResults.Problem(problem));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult TooLarge(long maxBytes) => Problems.Create(
        StatusCodes.Status413PayloadTooLarge,
        ProblemTypes.TooLarge,
        "Request body too large",
        $"The body is larger than {maxBytes} bytes (RequestLimits:MaxBodyBytes). Send fewer series or shorter histories per call.");

    /// <summary>The reader's message without the type names and positions it appends: the path is already the field.</summary>
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        message = message.Replace("ForecastService.Core.Forecasting.", string.Empty, StringComparison.Ordinal)
            .Replace("ForecastService.Core.Analysis.", string.Empty, StringComparison.Ordinal)
            .Replace("ForecastService.Api.Contracts.", string.Empty, StringComparison.Ordinal);
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        return $"{message}{where}";
    }

    private static string Clip(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
