Console.Error.WriteLine("forecast-trainer: not implemented yet");
return 1;
