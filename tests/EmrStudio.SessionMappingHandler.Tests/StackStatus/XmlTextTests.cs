using EmrStudio.SessionMappingHandler.StackStatus;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.StackStatus;

public sealed class XmlTextTests
{
    private const string DescribeStacks = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
          <DescribeStacksResult>
            <Stacks>
              <member>
                <StackName>analytics</StackName>
                <Outputs><member><OutputKey>StackStatus</OutputKey><OutputValue>&lt;StackStatus&gt;CREATE_COMPLETE</OutputValue></member></Outputs>
                <StackStatusReason>User Initiated</StackStatusReason>
                <StackStatus>UPDATE_ROLLBACK_IN_PROGRESS</StackStatus>
              </member>
            </Stacks>
          </DescribeStacksResult>
          <ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>
        </DescribeStacksResponse>
        """;

    [Fact]
    public void Find_DescribeStacksAnswer_ReadsTheStacksStatusAndNothingThatOnlyLooksLikeIt()
    {
        Assert.Equal("UPDATE_ROLLBACK_IN_PROGRESS", XmlText.Find(DescribeStacks, "DescribeStacksResponse", "DescribeStacksResult", "Stacks", "member", "StackStatus"));
        Assert.Equal("analytics", XmlText.Find(DescribeStacks, "DescribeStacksResponse", "DescribeStacksResult", "Stacks", "member", "StackName"));
    }

    [Fact]
    public void Find_ErrorAnswer_ReadsCodeAndMessage()
    {
        const string Error = """
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id foo does not exist</Message></Error>
              <RequestId>b2544024-a0f9-4ae1-ab23-fc08e1ef4e9a</RequestId>
            </ErrorResponse>
            """;

        Assert.Equal("ValidationError", XmlText.Find(Error, "ErrorResponse", "Error", "Code"));
        Assert.Equal("Stack with id foo does not exist", XmlText.Find(Error, "ErrorResponse", "Error", "Message"));
        Assert.Null(XmlText.Find(Error, "ErrorResponse", "Error", "Detail"));
    }

    [Theory]
    [InlineData("<a><b>x &amp; y &lt;z&gt; &quot;q&quot; &apos;s&apos; &#233;&#x1F680;</b></a>", "x & y <z> \"q\" 's' é🚀")]
    [InlineData("<a><b><![CDATA[<raw> & stuff]]></b></a>", "<raw> & stuff")]
    [InlineData("<ns:a xmlns:ns=\"urn:x\"><ns:b attr='1>2'>v</ns:b></ns:a>", "v")]
    [InlineData("<a><!-- <b>no</b> --><b>yes</b></a>", "yes")]
    [InlineData("<a><b/></a>", "")]
    [InlineData("<a><c><b>deeper</b></c><b>here</b></a>", "here")]
    public void Find_XmlConstructs_AreDecoded(string xml, string expected)
    {
        Assert.Equal(expected, XmlText.Find(xml, "a", "b"));
    }

    [Theory]
    [InlineData("<a><b>x</a>")]
    [InlineData("<a><b>&bogus;</b></a>")]
    [InlineData("<a><b>&#1114112;</b></a>")]
    [InlineData("<a><b>& alone</b></a>")]
    [InlineData("<!DOCTYPE a [<!ENTITY x \"y\">]><a><b>&x;</b></a>")]
    [InlineData("<a><b attr=\"unterminated></b></a>")]
    [InlineData("<a><!-- never closed")]
    public void Find_MalformedOrDtd_Throws(string xml)
    {
        Assert.Throws<FormatException>(() => XmlText.Find(xml, "a", "b"));
    }
}
