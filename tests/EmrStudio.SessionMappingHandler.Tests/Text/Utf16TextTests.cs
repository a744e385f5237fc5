using EmrStudio.SessionMappingHandler.Text;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Text;

public sealed class Utf16TextTests
{
    [Theory]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("abc", 3, "abc")]
    [InlineData("abc", 10, "abc")]
    [InlineData("ab\U0001F600cd", 3, "ab")]
    [InlineData("ab\U0001F600cd", 4, "ab\U0001F600")]
    [InlineData("abc", 0, "")]
    public void Truncate_MaxLength_CutsWithoutSplittingASurrogatePair(string text, int maxLength, string expected)
    {
        Assert.Equal(expected, Utf16Text.Truncate(text, maxLength));
    }
}
