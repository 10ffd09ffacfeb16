namespace ForecastService.Trainer.Commands;

/// <summary>A model folder is missing, incomplete, or would be overwritten.</summary>
public sealed class ModelFolderException : Exception
{
    public ModelFolderException()
    {
    }

    public ModelFolderException(string message)
        : base(message)
    {
    }

    public ModelFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
