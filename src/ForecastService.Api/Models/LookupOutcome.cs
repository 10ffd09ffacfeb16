namespace ForecastService.Api.Models;

/// <summary>What looking up a model for a request found.</summary>
internal enum LookupOutcome
{
    /// <summary>Leased and ready.</summary>
    Found,

    /// <summary>No model of that name: 404.</summary>
    UnknownModel,

    /// <summary>The model exists but not that version: 404.</summary>
    UnknownVersion,

    /// <summary>That version exists but failed to load: 404 with the reason.</summary>
    FailedVersion,

    /// <summary>The model exists but no version of it loaded: 503.</summary>
    Unavailable,
}
