using EmrStudio.SessionMappingHandler.Logging;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

internal sealed record CollectedLogLine(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields);
