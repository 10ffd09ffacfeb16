using System.Threading.RateLimiting;
using ForecastService.Api.Logging;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Security;

/// <summary>
/// Caps forecast API requests in flight, with a bounded queue: a burst beyond both gets 503 and <c>Retry-After</c>
/// at once instead of piling up threads and memory. A global cap answers 503 (the server is busy), unlike the
/// per-client rate limit's 429 (this client is too fast).
/// </summary>
internal sealed class ConcurrencyLimitMiddleware : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly RequestDelegate _next;
    private readonly ConcurrencyLimiter _limiter;
    private readonly ILogger<ConcurrencyLimitMiddleware> _logger;

    public ConcurrencyLimitMiddleware(RequestDelegate next, IOptions<RateLimitingOptions> options, ILogger<ConcurrencyLimitMiddleware> logger)
    {
        _next = next;
        _logger = logger;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentRequests,
            QueueLimit = options.Value.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiKeyMiddleware.ProtectedPrefix))
        {
            await _next(context);
            return;
        }

        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            Log.RequestShed(_logger, context.Request.Method, LogText.PathOf(context.Request), context.TraceIdentifier);
            await SecurityProblems.WriteOverloadedAsync(context, RetryAfter);
            return;
        }

        await _next(context);
    }

    public void Dispose() => _limiter.Dispose();
}
