namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>The levels of Lambda's advanced logging controls, least severe first.</summary>
internal enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}
