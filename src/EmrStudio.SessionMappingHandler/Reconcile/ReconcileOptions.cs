using System.Globalization;
using EmrStudio.SessionMappingHandler.Platform;

namespace EmrStudio.SessionMappingHandler.Reconcile;

/// <summary>How a reconcile run behaves: its mode, how fast it may call EMR, and how it spends its time.</summary>
internal sealed record ReconcileOptions
{
    public const string ModeVariable = "EMRSTUDIO_RECONCILE_MODE";
    public const string RateVariable = "EMRSTUDIO_RECONCILE_EMR_RATE";

    /// <summary>EMR calls a second by default: well under the account's shared limit, so deployments keep their share.</summary>
    public const double DefaultEmrCallsPerSecond = 5;

    public ReconcileMode Mode { get; init; } = ReconcileMode.Repair;

    public double EmrCallsPerSecond { get; init; } = DefaultEmrCallsPerSecond;

    /// <summary>Records read per page of the table.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How long one record's check (its EMR calls and their retries) may take before it is left for the next run.</summary>
    public TimeSpan PerRecordTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Kept back from the Lambda deadline for saving the checkpoint and writing the metrics.</summary>
    public TimeSpan Reserve { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The function's name, the metrics' dimension.</summary>
    public string FunctionName { get; init; } = "unknown";

    /// <summary>The options the function's environment sets.</summary>
    /// <exception cref="InvalidOperationException">A variable has a value the handler does not know; the message names it.</exception>
    public static ReconcileOptions FromEnvironment(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = environment.GetVariable(ModeVariable)?.Trim().ToUpperInvariant() switch
        {
            null or "" or "REPAIR" => ReconcileMode.Repair,
            "REPORT" => ReconcileMode.Report,
            var other => throw new InvalidOperationException($"{ModeVariable} is '{other}': it must be repair or report."),
        };
        var rateText = environment.GetVariable(RateVariable)?.Trim();
        var rate = DefaultEmrCallsPerSecond;
        if (!string.IsNullOrEmpty(rateText)
            && (!double.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out rate) || rate is < 0.1 or > 100))
        {
            throw new InvalidOperationException($"{RateVariable} is '{rateText}': it must be a number of EMR calls a second from 0.1 to 100.");
        }

        return new ReconcileOptions
        {
            Mode = mode,
            EmrCallsPerSecond = rate,
            FunctionName = environment.GetVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "unknown",
        };
    }
}
