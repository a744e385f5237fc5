namespace EmrStudio.Benchmarks;

/// <summary>One way of running the handler: the Native AOT bootstrap, or the same code on the JIT (<c>dotnet bootstrap.dll</c>).</summary>
internal sealed record HandlerBuild(string Name, string FileName, string? Argument, long BootstrapBytes, long? ZipBytes);
