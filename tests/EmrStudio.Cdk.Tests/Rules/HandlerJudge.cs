extern alias handler;

using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;
using HandlerParser = handler::EmrStudio.SessionMappingHandler.Mapping.SessionMappingPropertiesParser;

namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>The handler's parser, given the value inside ResourceProperties as CloudFormation would deliver them.</summary>
internal static class HandlerJudge
{
    public static Verdict Judge(string property, string value)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ServiceToken"] = "arn:aws:lambda:eu-west-1:123456789012:function:handler",
            ["StudioId"] = TestStacks.StudioA,
            ["IdentityType"] = "GROUP",
            [property == "IdentityId" ? "IdentityId" : "IdentityName"] = property == "IdentityId" ? AgreementCases.Guid : "data-scientists",
            ["SessionPolicyArn"] = TestStacks.PolicyArn,
        };
        properties[property] = value;

        using var document = JsonDocument.Parse(Json(properties));
        var result = HandlerParser.Parse(document.RootElement);
        if (result.IsValid)
        {
            return Verdict.Accept;
        }

        var error = Assert.Single(result.Errors);
        return new Verdict(false, error.Property, error.Rule);
    }

    /// <summary>
    /// Every character as a <c>\uXXXX</c> escape, so that values no encoder would write (unpaired surrogates) reach the
    /// parser as a hand-made event would carry them.
    /// </summary>
    private static string Json(Dictionary<string, string> properties)
    {
        var json = new StringBuilder("{");
        foreach (var (name, value) in properties)
        {
            json.Append(json.Length > 1 ? "," : string.Empty).Append(Escaped(name)).Append(':').Append(Escaped(value));
        }

        return json.Append('}').ToString();
    }

    private static string Escaped(string text) =>
        "\"" + string.Concat(text.Select(c => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture))) + "\"";
}
