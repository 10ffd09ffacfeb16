namespace ForecastService.Api.Security;

/// <summary>
/// Cross-origin access from browsers (section <c>Cors</c>). Off by default: with no origins listed the service sends
/// no CORS headers, so a page on another site cannot call it from a browser.
/// </summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    /// <summary>The policy name registered with ASP.NET Core's CORS services.</summary>
    public const string PolicyName = "ForecastCors";

    /// <summary>Origins allowed to call the API, exactly as browsers send them (<c>https://dashboard.example.com</c>).</summary>
    /// <value>Default empty: CORS off. <c>*</c> is refused; list the origins.</value>
    public IList<string> AllowedOrigins { get; } = [];
}
