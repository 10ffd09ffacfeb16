using ForecastService.Api.Logging;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ForecastService.Api.Errors;

/// <summary>
/// The last line: turns any exception that escapes an endpoint into a problem response. Bad requests Kestrel detects
/// (an oversized or broken body) keep their 4xx status; anything else is a 500 that carries the correlation id and
/// never a stack trace; the log gets the exception's type and message (no stack trace, no paths) under the same id.
/// </summary>
internal sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemTypes.TooLarge : ProblemTypes.MalformedJson,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = bad.Message,
            };
        }
        else
        {
            Log.RequestFaulted(logger, httpContext.Request.Method, LogText.PathOf(httpContext.Request), httpContext.TraceIdentifier, LogText.Summarize(exception));
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemTypes.Internal,
                Title = "Internal server error",
                Detail = $"The server failed to answer. Quote correlation id {httpContext.TraceIdentifier} when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
