using System.Net;
using System.Text;
using EmrStudio.Testing.Stacks;
using Xunit;

namespace EmrStudio.StackOperations.Tests.Simulator;

/// <summary>The gate in front of the account's DynamoDB refuses what DynamoDB refuses before IAM, and says so among the violations.</summary>
public sealed class DynamoDbGateTests
{
    [Theory]
    [InlineData(null, "MissingAuthenticationTokenException")]
    [InlineData("AWS4-HMAC-SHA256 Credential=ASIAUNKNOWN/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "00000000000000000000000000000000000000000000000000000000000000ff", "UnrecognizedClientException")]
    public async Task Call_NotSignedByAFunction_IsRefusedWithoutReachingDynamoDbAndIsAViolation(string? authorization, string expectedType)
    {
        await using var account = await SimulatedAccount.StartAsync("/nonexistent/bootstrap");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, account.DynamoDbGate.BaseAddress)
        {
            Content = new StringContent("""{"TableName": "records"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810.GetItem");
        request.Headers.Add("X-Amz-Date", "20250101T000000Z");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("#" + expectedType, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(account.Violations, v => v.Contains("GetItem", StringComparison.Ordinal) && v.Contains(expectedType, StringComparison.Ordinal));
    }
}
