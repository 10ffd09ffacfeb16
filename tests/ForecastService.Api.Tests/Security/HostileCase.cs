namespace ForecastService.Api.Tests.Security;

/// <summary>One entry of HostileRequests.json: a request and the 4xx problem it must get.</summary>
public sealed record HostileCase(string Name, string Method, string Path, int Status)
{
    public string? ContentType { get; init; }

    public string? Body { get; init; }

    /// <summary>
    /// A generated body too big or too deep to keep as text: values:N, series:N, nesting:N, objects:N, id:N, pad:N,
    /// trickle, huge:N (N values cycling 0, 1e19, 2e19), levels:N (level 80 N times); or a generated request head:
    /// query:N (a target of N bytes), headers:N (N extra headers).
    /// </summary>
    public string? Generate { get; init; }

    /// <summary>The expected problem type's last segment (e.g. malformed-json), when the case pins one.</summary>
    public string? Type { get; init; }

    /// <summary>True when Kestrel refuses the request itself (a bare status, before the service sees it; README lists these).</summary>
    public bool RejectedByKestrel { get; init; }
}
