using System.ComponentModel.DataAnnotations;

namespace ForecastService.Api.Options;

/// <summary>Where the model repository lives and how often it is checked for new versions (section <c>Models</c>).</summary>
public sealed class ModelsOptions
{
    public const string SectionName = "Models";

    /// <summary>
    /// The folder holding <c>&lt;name&gt;/&lt;version&gt;/model.onnx</c>.
    /// </summary>
    /// <value>
    /// Absolute, or relative to the content root. Empty (the default) means the repository's <c>models/</c> when the
    /// service runs from a checkout, else <c>models/</c> beside the app (<c>/app/models</c> in the container).
    /// </value>
    public string? Root { get; set; }

    /// <summary>How often the repository is scanned for new, changed or removed versions.</summary>
    /// <value>100 ms to 1 hour; default 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "Models:PollInterval must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
