using System.Text.Json.Nodes;
using EmrStudio.Testing.Tools;

namespace EmrStudio.CodePublisher.Tests.TestDoubles;

/// <summary>botocore's S3 model and client, through Botocore/s3_model.py (python3 with botocore).</summary>
public static class BotocoreS3Model
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The model's description of <paramref name="operations"/> (see the script's <c>describe</c>).</summary>
    public static JsonObject Describe(IEnumerable<string> operations) => Run(["describe", .. operations]);

    /// <summary>botocore's client against <paramref name="endpoint"/> (see the script's <c>roundtrip</c>).</summary>
    public static JsonObject RoundTrip(Uri endpoint, string bucket, IEnumerable<(string Put, string Get)> pairs)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Run(["roundtrip", endpoint.ToString().TrimEnd('/'), bucket, .. pairs.Select(pair => $"{pair.Put}:{pair.Get}")]);
    }

    private static JsonObject Run(string[] arguments)
    {
        RequiredTool.Botocore.Require();
        var script = Path.Combine(AppContext.BaseDirectory, "Botocore", "s3_model.py");
        var output = ExternalProcess.Run(AppContext.BaseDirectory, Timeout, "python3", [script, .. arguments]);
        return JsonNode.Parse(output)!.AsObject();
    }
}
