namespace ForecastService.Api.Tests.Security;

/// <summary>One entry of HostileRequests.json: a request and the 4xx problem it must get.</summary>
public sealed record HostileCase(string Name, string Method, string Path, int Status)
{
    public string? ContentType { get; init; }

    public string? Body { get; init; }

    /// <summary>A generated body too big or too deep to keep as text: values:N, series:N, nesting:N, objects:N, id:N, pad:N, trickle.</summary>
    public string? Generate { get; init; }

    /// <summary>The expected problem type's last segment (e.g. malformed-json), when the case pins one.</summary>
    public string? Type { get; init; }

    /// <summary>True when Kestrel's HTTP parser refuses the request itself (a bare 400, before the app sees it).</summary>
    public bool RejectedByKestrel { get; init; }
}
