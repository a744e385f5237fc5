namespace EmrStudio.SessionMappingHandler.Logging;

internal enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}
