using System.Text.Json;

namespace EmrStudio.Benchmarks;

internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
