using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Commands;

/// <summary>Turns the errors a user can fix (bad data, bad configuration, bad model folder) into one line and an exit code.</summary>
internal static class CommandErrors
{
    public const int Success = 0;
    public const int DataError = 1;
    public const int ConfigError = 2;
    public const int ModelError = 3;
    public const int WorseThanBaseline = 4;

    public static int Run(TrainerConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (DataFileException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return DataError;
        }
        catch (ConfigException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ConfigError;
        }
        catch (WorseThanBaselineException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return WorseThanBaseline;
        }
        catch (ModelFolderException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ModelError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled; nothing was written");
            return 130;
        }
    }
}
