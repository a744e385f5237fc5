using System.Text;
using EmrStudio.SessionMappingHandler.Mapping;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping;

public sealed class MappingIdTests
{
    public static TheoryData<string> OddIdentities => new()
    {
        MappingWorld.GroupId,
        "1a2b3c4d-1111-2222-3333-444455556666",
        "team/data/science",
        "domain:user@example.com",
        "100% sure",
        "%2F already looks encoded",
        "two  spaces and a trailing one ",
        "Ärzte",
        "データサイエンティスト",
        "👩‍🔬 research",
        "zero\u200Bwidth",
        "private\uE000use",
        "-._~",
        "emrstudio:es-ABC/GROUP/x",
        "emrstudio-create-failed:x",
        new string('/', 256),
        new string('%', 256),
        new string('é', 256),
        string.Concat(Enumerable.Repeat("データ", 85)) + "デ",
        string.Concat(Enumerable.Repeat("👩", 128)),
        new string('a', 256),
    };

    [Theory]
    [MemberData(nameof(OddIdentities))]
    public void Parse_OfCreatedId_RoundTrips(string identityId)
    {
        var id = MappingId.TryCreate(MappingWorld.Studio, "GROUP", identityId);

        Assert.NotNull(id);
        var parsed = MappingId.Parse(id.Value);
        Assert.NotNull(parsed);
        Assert.Equal(MappingWorld.Studio, parsed.StudioId);
        Assert.Equal("GROUP", parsed.IdentityType);
        Assert.Equal(identityId, parsed.IdentityId);
        Assert.Equal(id, parsed);
        Assert.True(Encoding.UTF8.GetByteCount(id.Value) <= MappingId.MaxBytes);
    }

    [Theory]
    [MemberData(nameof(OddIdentities))]
    public void TryCreate_OddIdentity_IsReadableAndHasNoRawSeparators(string identityId)
    {
        var id = MappingId.TryCreate(MappingWorld.Studio, "USER", identityId)!;

        var identityPart = id.Value[$"emrstudio:{MappingWorld.Studio}/USER/".Length..];
        Assert.DoesNotContain('/', identityPart);
        Assert.DoesNotContain(identityPart, char.IsControl);
        Assert.DoesNotContain(identityPart, char.IsWhiteSpace);
    }

    [Fact]
    public void TryCreate_IdentityStoreId_ReadsPlainly()
    {
        var id = MappingId.TryCreate(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);

        Assert.Equal("emrstudio:es-0123456789ABCDEFGHIJKLMNO/GROUP/9a67e5e2d3-1a2b3c4d-1111-2222-3333-444455556666", id?.Value);
    }

    [Fact]
    public void TryCreate_ReservedCharacters_ArePercentEncodedAndNonAsciiStaysLiteral()
    {
        var id = MappingId.TryCreate("es-ABC", "USER", "a/b%c d:é\u200B");

        Assert.Equal("emrstudio:es-ABC/USER/a%2Fb%25c%20d%3Aé%E2%80%8B", id?.Value);
    }

    [Fact]
    public void TryCreate_EmptyIdentity_ReturnsNull()
    {
        Assert.Null(MappingId.TryCreate(MappingWorld.Studio, "GROUP", string.Empty));
    }

    [Fact]
    public void TryCreate_LoneSurrogate_ReturnsNull()
    {
        Assert.Null(MappingId.TryCreate(MappingWorld.Studio, "GROUP", "bad" + (char)0xD800));
    }

    [Fact]
    public void TryCreate_IdentityOver256Characters_ReturnsNull()
    {
        Assert.Null(MappingId.TryCreate(MappingWorld.Studio, "GROUP", new string('a', 257)));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001B[0m")]
    [InlineData("nonchar\uFFFE")]
    [InlineData("nonchar\uFFFF")]
    [InlineData("tab\there")]
    [InlineData("cr\rlf\n")]
    [InlineData("next\u0085line")]
    [InlineData("del\u007F")]
    public void TryCreate_IdentityBreakingTheTextRule_ReturnsNull(string identityId)
    {
        Assert.Null(MappingId.TryCreate(MappingWorld.Studio, "GROUP", identityId));
    }

    [Theory]
    [InlineData("es-abc", "GROUP")]
    [InlineData("es-ABC", "ROLE")]
    [InlineData("es-ABC/x", "GROUP")]
    public void TryCreate_NotEmrStudioOrType_ReturnsNull(string studioId, string identityType)
    {
        Assert.Null(MappingId.TryCreate(studioId, identityType, MappingWorld.GroupId));
    }

    [Fact]
    public void TryCreate_WouldExceedOneKilobyte_ReturnsNull()
    {
        var longestStudio = "es-" + new string('A', 253);

        Assert.NotNull(MappingId.TryCreate(longestStudio, "GROUP", MappingWorld.GroupId));
        Assert.Null(MappingId.TryCreate(longestStudio, "GROUP", new string('%', 256)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("emrstudio:")]
    [InlineData("emrstudio-create-failed:DataScientists:5a8f0b5e-0000-4000-8000-000000000001")]
    [InlineData("analytics-DataScientists-1ABCDEFGHIJK")]
    [InlineData("2026/11/24/[$LATEST]0123456789abcdef")]
    [InlineData("EMRSTUDIO:es-ABC/GROUP/x")]
    [InlineData("emrstudio:es-ABC/GROUP/")]
    [InlineData("emrstudio:es-ABC/GROUP")]
    [InlineData("emrstudio:es-ABC")]
    [InlineData("emrstudio:es-ABC/ROLE/x")]
    [InlineData("emrstudio:es-abc/GROUP/x")]
    [InlineData("emrstudio:/GROUP/x")]
    [InlineData("emrstudio:es-ABC/GROUP/a/b")]
    [InlineData("emrstudio:es-ABC/GROUP/a b")]
    [InlineData("emrstudio:es-ABC/GROUP/a%2fb")]
    [InlineData("emrstudio:es-ABC/GROUP/%41")]
    [InlineData("emrstudio:es-ABC/GROUP/%")]
    [InlineData("emrstudio:es-ABC/GROUP/%2")]
    [InlineData("emrstudio:es-ABC/GROUP/%ZZ")]
    [InlineData("emrstudio:es-ABC/GROUP/%C3")]
    [InlineData("emrstudio:es-ABC/GROUP/%FF")]
    [InlineData("emrstudio:es-ABC/GROUP/%ED%A0%80")]
    [InlineData("emrstudio:es-ABC/GROUP/%C0%AF")]
    [InlineData("emrstudio:es-ABC/GROUP/x\n")]
    [InlineData(" emrstudio:es-ABC/GROUP/x")]
    [InlineData("emrstudio:es-ABC/GROUP/%00")]
    [InlineData("emrstudio:es-ABC/GROUP/%01")]
    [InlineData("emrstudio:es-ABC/GROUP/alice%1Bsmith")]
    [InlineData("emrstudio:es-ABC/GROUP/%EF%BF%BF")]
    [InlineData("emrstudio:es-ABC/GROUP/tab%09")]
    [InlineData("emrstudio:es-ABC/GROUP/lf%0A")]
    [InlineData("emrstudio:es-ABC/GROUP/cr%0D")]
    public void Parse_NotOneOfOurs_ReturnsNull(string physicalResourceId)
    {
        Assert.Null(MappingId.Parse(physicalResourceId));
    }

    [Fact]
    public void Parse_Null_ReturnsNull()
    {
        Assert.Null(MappingId.Parse(null));
    }

    [Fact]
    public void Parse_IdentityOver256Characters_ReturnsNull()
    {
        Assert.Null(MappingId.Parse("emrstudio:es-ABC/GROUP/" + new string('a', 257)));
    }

    [Fact]
    public void Parse_Over1Kilobyte_ReturnsNull()
    {
        Assert.Null(MappingId.Parse("emrstudio:es-" + new string('A', 1100) + "/GROUP/x"));
    }

    [Fact]
    public void Parse_SameStudioTypeAndIdentity_IsEqual()
    {
        var a = MappingId.Parse(MappingWorld.GroupMappingId);
        var b = MappingId.TryCreate(MappingWorld.Studio, "GROUP", MappingWorld.GroupId);

        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
        Assert.NotEqual(a, MappingId.TryCreate(MappingWorld.Studio, "USER", MappingWorld.GroupId));
    }
}
