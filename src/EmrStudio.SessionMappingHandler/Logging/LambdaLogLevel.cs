using EmrStudio.SessionMappingHandler.Platform;


namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>
/// The application log level Lambda's advanced logging controls set in <c>AWS_LAMBDA_LOG_LEVEL</c> (TRACE, DEBUG,
/// INFO, WARN, ERROR, FATAL). The handler writes nothing below it, so lines Lambda would drop are never built.
/// </summary>
internal static class LambdaLogLevel
{
    public const string Variable = "AWS_LAMBDA_LOG_LEVEL";

    /// <summary>INFO, as Lambda's own default, when the variable is absent or names no level.</summary>
    public const LogLevel Default = LogLevel.Info;

    public static LogLevel FromEnvironment(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Parse(environment.GetVariable(Variable));
    }

    public static LogLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Info,
        "WARN" or "WARNING" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Fatal,
        _ => Default,
    };

    /// <summary>The level's name as Lambda writes it in a JSON log line.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}
