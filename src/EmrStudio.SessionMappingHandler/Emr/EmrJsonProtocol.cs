using EmrStudio.SessionMappingHandler.Aws;


namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>AWS JSON 1.1 as EMR speaks it: <c>X-Amz-Target: ElasticMapReduce.&lt;Operation&gt;</c>, errors as <see cref="EmrException"/>.</summary>
internal sealed class EmrJsonProtocol : AwsJsonProtocol
{
    private EmrJsonProtocol()
        : base("ElasticMapReduce", "1.1", static (status, type, message) => new EmrException(status, type, message))
    {
    }

    public static EmrJsonProtocol Instance { get; } = new();

    public static EmrException Parse(int status, HttpResponseMessage? response, byte[] body) =>
        (EmrException)Instance.ParseError(status, response, body);
}
