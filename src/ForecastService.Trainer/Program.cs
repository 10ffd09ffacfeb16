using ForecastService.Trainer.Commands;

var console = TrainerConsole.ForProcess();
return await TrainerCommandLine.Create(console, TimeProvider.System).Parse(args).InvokeAsync();
