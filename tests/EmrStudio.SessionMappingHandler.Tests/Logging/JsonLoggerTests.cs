using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Logging;

public sealed class JsonLoggerTests
{
    private const string PresignedUrl =
        "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws/stack/Logical?"
        + "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261124%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    [Fact]
    public void Write_Always_WritesTimestampLevelMessageAndFieldsAsOneObject()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 5, 0, 0, 123, TimeSpan.Zero));
        var captured = new CapturedJsonLog(time);

        captured.Log.Write(
            LogLevel.Warn,
            "Something happened.",
            F("text", "value"),
            F("count", 3),
            F("big", 12_345_678_901L),
            F("ratio", 0.5),
            F("flag", true),
            F("nothing", null),
            F("elapsed", TimeSpan.FromMilliseconds(1500)));

        var line = Assert.Single(captured.Lines);
        Assert.Equal("2026-11-24T05:00:00.123Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Equal("Something happened.", line.GetProperty("message").GetString());
        Assert.Equal("value", line.GetProperty("text").GetString());
        Assert.Equal(3, line.GetProperty("count").GetInt32());
        Assert.Equal(12_345_678_901L, line.GetProperty("big").GetInt64());
        Assert.Equal(0.5, line.GetProperty("ratio").GetDouble());
        Assert.True(line.GetProperty("flag").GetBoolean());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("nothing").ValueKind);
        Assert.Equal(1500, line.GetProperty("elapsed").GetDouble());
        var names = line.EnumerateObject().Select(member => member.Name).Take(3);
        Assert.Equal(["timestamp", "level", "message"], names);
    }

    [Fact]
    public void Write_MessageWithLineBreaksAndQuotes_StaysOneLine()
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, "first\nsecond\r\n\"quoted\"", F("field", "a\nb"));

        var raw = Assert.Single(captured.RawLines);
        Assert.Equal("first\nsecond\r\n\"quoted\"", JsonDocument.Parse(raw).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void Write_NonAscii_WrittenAsReadableUtf8()
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, "Gruppe für Datenwissenschaft 数据 😀");

        Assert.Contains("Gruppe für Datenwissenschaft 数据", captured.Text, StringComparison.Ordinal);
        Assert.Equal("Gruppe für Datenwissenschaft 数据 😀", captured.Lines[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Write_PresignedUrlInMessageOrField_KeepsSchemeHostAndPathOnly()
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, $"PUT {PresignedUrl} failed", F("url", PresignedUrl), F("detail", $"sending to <{PresignedUrl}>"));

        var line = Assert.Single(captured.Lines);
        Assert.Equal(
            "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws/stack/Logical",
            line.GetProperty("url").GetString());
        Assert.StartsWith("PUT https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/", line.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", captured.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0f1e2d3c4b5a6978", captured.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", captured.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("clientSecret")]
    [InlineData("sessionToken")]
    [InlineData("AWS_SESSION_TOKEN")]
    [InlineData("password")]
    [InlineData("credentials")]
    [InlineData("Authorization")]
    public void Write_FieldNamedLikeACredential_ValueRedacted(string name)
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, "m", new(name, "plain-looking-value"), F("other", "kept"));

        var line = Assert.Single(captured.Lines);
        Assert.Equal("[redacted]", line.GetProperty(name).GetString());
        Assert.Equal("kept", line.GetProperty("other").GetString());
    }

    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abcdef0123")]
    [InlineData("?X-Amz-Credential=AKIA/20261124/us-east-1/s3/aws4_request")]
    [InlineData("x-amz-security-token=IQoJb3JpZ2luX2VjEJr")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261124/us-east-1/elasticmapreduce/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024")]
    public void Write_QueryOrHeaderCarryingASignature_WholeValueRedacted(string value)
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, value, F("value", value));

        var line = Assert.Single(captured.Lines);
        Assert.Equal("[redacted]", line.GetProperty("message").GetString());
        Assert.Equal("[redacted]", line.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData(
        "token IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampleexampleexampleZ0123456789abcdefGHIJKLMN+/= end",
        "IQoJb3JpZ2luX2VjEJr")]
    public void Write_ValueContainingAnAwsKeyOrToken_KeyReplaced(string value, string secret)
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, "m", F("detail", value));

        Assert.DoesNotContain(secret, captured.Text, StringComparison.Ordinal);
        Assert.Contains("[redacted]", captured.Lines[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:policy/EmrStudioDataScientist")]
    [InlineData("arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f")]
    [InlineData("es-0123456789ABCDEFGHIJKLMNO/GROUP/90676d2f-4021-70b3-c1d1-6b8a2c3e4f50")]
    [InlineData("Studio session mapping does not exist.")]
    public void Write_OrdinaryIdentifiers_Kept(string value)
    {
        var captured = new CapturedJsonLog();

        captured.Log.Write(LogLevel.Info, value, F("value", value));

        var line = Assert.Single(captured.Lines);
        Assert.Equal(value, line.GetProperty("message").GetString());
        Assert.Equal(value, line.GetProperty("value").GetString());
    }

    [Fact]
    public void With_ScopedFields_AppearOnEveryLineOfTheChildOnly()
    {
        var captured = new CapturedJsonLog();
        var scoped = captured.Log.With(F("lambdaRequestId", "req-1")).With(F("stackId", "stack-1"));

        scoped.Write(LogLevel.Info, "one");
        scoped.Write(LogLevel.Info, "two", F("extra", 1));
        captured.Log.Write(LogLevel.Info, "three");

        var lines = captured.Lines;
        Assert.Equal(3, lines.Count);
        Assert.All(lines.Take(2), line =>
        {
            Assert.Equal("req-1", line.GetProperty("lambdaRequestId").GetString());
            Assert.Equal("stack-1", line.GetProperty("stackId").GetString());
        });
        Assert.False(lines[2].TryGetProperty("lambdaRequestId", out _));
    }

    [Fact]
    public void Write_BelowMinimumLevel_WritesNothing()
    {
        var captured = new CapturedJsonLog(minimumLevel: LogLevel.Info);

        captured.Log.Write(LogLevel.Debug, "hidden");
        captured.Log.Write(LogLevel.Error, "shown");

        var line = Assert.Single(captured.Lines);
        Assert.Equal("ERROR", line.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Write_ConcurrentWriters_LinesNeverInterleave()
    {
        var captured = new CapturedJsonLog();
        var child = captured.Log.With(F("scope", "child"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                (i % 2 == 0 ? captured.Log : child).Write(LogLevel.Info, new string('x', 200), F("writer", writer), F("i", i));
            }
        })));

        Assert.Equal(800, captured.Lines.Count);
    }

    [Fact]
    public void Write_ToStream_WritesUtf8Lines()
    {
        using var stream = new MemoryStream();
        var log = new JsonLogger(stream);

        log.Write(LogLevel.Info, "ä");
        log.Write(LogLevel.Info, "b");

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("ä", JsonDocument.Parse(lines[0]).RootElement.GetProperty("message").GetString());
    }

    private static KeyValuePair<string, object?> F(string name, object? value) => new(name, value);
}
