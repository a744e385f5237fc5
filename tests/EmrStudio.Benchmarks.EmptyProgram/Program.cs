// Starts, writes one line and exits: what any Native AOT process costs before it does anything of its own.
Console.WriteLine("started");
