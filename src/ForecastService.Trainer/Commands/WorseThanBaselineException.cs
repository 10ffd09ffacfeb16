namespace ForecastService.Trainer.Commands;

/// <summary>A trained model loses to naive or seasonal naive on its held-out windows and was not written.</summary>
public sealed class WorseThanBaselineException : Exception
{
    public WorseThanBaselineException()
    {
    }

    public WorseThanBaselineException(string message)
        : base(message)
    {
    }

    public WorseThanBaselineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
