using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ForecastService.Api.Errors;

/// <summary>Builds problem results with one of the stable <see cref="ProblemTypes"/>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });

    public static ProblemHttpResult WithErrors(int status, string type, string title, string detail, IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
        {
            Status = status,
            Type = type,
            Title = title,
            Detail = detail,
        });

    /// <summary>Fills in what every problem carries: a stable type, the path, and the correlation id of the request.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = problem.Status switch
            {
                StatusCodes.Status400BadRequest => ProblemTypes.InvalidRequest,
                StatusCodes.Status404NotFound => ProblemTypes.NotFound,
                StatusCodes.Status405MethodNotAllowed => ProblemTypes.MethodNotAllowed,
                StatusCodes.Status413PayloadTooLarge => ProblemTypes.TooLarge,
                StatusCodes.Status415UnsupportedMediaType => ProblemTypes.UnsupportedMediaType,
                StatusCodes.Status500InternalServerError => ProblemTypes.Internal,
                _ => ProblemTypes.Http,
            };
        }

        if (problem.Status == StatusCodes.Status404NotFound && problem.Detail is null)
        {
            problem.Detail = "No such route. The API lives under /v1/models; /swagger documents it.";
        }
    }
}
