namespace ForecastService.Api;

/// <summary>The security layer's events (5xxx). Never the key itself, nor anything a client sent besides the path.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Warning, "Refused {Method} {Path} from {ClientAddress}: missing or wrong API key (correlation {CorrelationId})")]
    public static partial void ApiKeyRejected(ILogger logger, string method, string path, string clientAddress, string correlationId);

    [LoggerMessage(5001, LogLevel.Warning, "Rate limited {Method} {Path} from {ClientAddress} (correlation {CorrelationId})")]
    public static partial void RateLimited(ILogger logger, string method, string path, string clientAddress, string correlationId);

    [LoggerMessage(5002, LogLevel.Warning, "Shed {Method} {Path}: too many requests in flight (correlation {CorrelationId})")]
    public static partial void RequestShed(ILogger logger, string method, string path, string correlationId);

    [LoggerMessage(5003, LogLevel.Warning, "Requests from {ProxyAddress} carry X-Forwarded-For but that proxy is not trusted: the per-client rate limit ({PermitLimit} per window) counts every caller behind it as one client. Add it to ForwardedHeaders:KnownProxies or KnownNetworks")]
    public static partial void UntrustedProxy(ILogger logger, string proxyAddress, int permitLimit);
}
