Console.WriteLine("EsdbGater host: not built yet");
