using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>
/// EMR's own API model (botocore's <c>emr</c> service model, the one the AWS SDKs and CLI are generated from),
/// asked through Python which values of CreateStudioSessionMapping's members it allows: each member's length bounds
/// and pattern, and for IdentityType its enum.
/// </summary>
/// <remarks>
/// The model's patterns are Java regular expressions over UTF-16, where an escaped surrogate pair such as
/// <c>\uD800\uDC00</c> stands for one supplementary character; Python's <c>re</c> reads code points, so each such pair
/// becomes a <c>\U</c> escape first. A pattern must match the whole value, and lengths count characters, as the
/// model's constraints mean. botocore itself checks neither pattern nor maximum before a call.
/// </remarks>
internal static class EmrServiceModel
{
    public const string Operation = "CreateStudioSessionMapping";

    private const string Script = """
        import json, re, sys
        import botocore.session

        request = json.load(sys.stdin)
        shape = botocore.session.get_session().get_service_model("emr").operation_model(request["operation"]).input_shape

        def python_pattern(java):
            pair = re.compile(r"\\u(D[89AB][0-9A-Fa-f]{2})\\u(D[C-F][0-9A-Fa-f]{2})")
            def code_point(match):
                high, low = int(match.group(1), 16), int(match.group(2), 16)
                return "\\U%08X" % (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            return pair.sub(code_point, java)

        def accepts(member, value):
            member_shape = shape.members[member]
            if member_shape.enum:
                return value in member_shape.enum
            metadata = member_shape.metadata
            if len(value) < metadata.get("min", 0) or len(value) > metadata.get("max", len(value)):
                return False
            pattern = metadata.get("pattern")
            return pattern is None or re.fullmatch(python_pattern(pattern), value) is not None

        members = {
            name: {
                "min": member.metadata.get("min"),
                "max": member.metadata.get("max"),
                "pattern": member.metadata.get("pattern"),
                "enum": list(member.enum) if member.enum else None,
            }
            for name, member in shape.members.items()
        }
        verdicts = [accepts(case["member"], case["value"]) for case in request["cases"]]
        json.dump({"members": members, "accepted": verdicts}, sys.stdout)
        """;

    private static readonly Lazy<(IReadOnlyDictionary<string, MemberConstraints> Members, IReadOnlyDictionary<string, bool> Accepted)> Judged =
        new(JudgeTable);

    /// <summary>The constraints of each member of the operation's input, as the model states them.</summary>
    public static IReadOnlyDictionary<string, MemberConstraints> Members => Judged.Value.Members;

    /// <summary>Whether the model allows the value of <paramref name="case"/> in its member.</summary>
    public static bool Accepts(AgreementCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return Judged.Value.Accepted[@case.ToString()];
    }

    /// <summary>One run of Python for the whole table.</summary>
    private static (IReadOnlyDictionary<string, MemberConstraints>, IReadOnlyDictionary<string, bool>) JudgeTable()
    {
        var cases = AgreementCases.All;
        var request = new StringBuilder($"{{\"operation\":\"{Operation}\",\"cases\":[");
        request.AppendJoin(',', cases.Select(c => $"{{\"member\":{Escaped(c.Property)},\"value\":{Escaped(c.Value)}}}"));
        request.Append("]}");

        using var answer = JsonDocument.Parse(RunPython(request.ToString()));
        var members = answer.RootElement.GetProperty("members").EnumerateObject().ToDictionary(
            m => m.Name,
            m => new MemberConstraints(
                Number(m.Value.GetProperty("min")),
                Number(m.Value.GetProperty("max")),
                m.Value.GetProperty("pattern").GetString(),
                m.Value.GetProperty("enum").ValueKind == JsonValueKind.Array ? [.. m.Value.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)] : null),
            StringComparer.Ordinal);
        var verdicts = answer.RootElement.GetProperty("accepted").EnumerateArray().Select(v => v.GetBoolean()).ToList();
        var accepted = cases.Select((c, i) => (c.ToString(), verdicts[i])).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        return (members, accepted);
    }

    private static int? Number(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetInt32() : null;

    /// <summary>Every character escaped, so that unpaired surrogates reach Python as they are.</summary>
    private static string Escaped(string text) =>
        "\"" + string.Concat(text.Select(c => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture))) + "\"";

    private static string RunPython(string input)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"EMR's API model needs python3 with botocore on the PATH (pip install botocore): {exception.Message}", exception);
        }

        using (process)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("python3 did not finish within 2 minutes.");
            }

            return process.ExitCode == 0
                ? stdout
                : throw new InvalidOperationException($"python3 with botocore failed (exit {process.ExitCode}): {stderr.Result}");
        }
    }
}
