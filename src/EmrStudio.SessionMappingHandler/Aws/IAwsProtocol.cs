namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>How one AWS wire protocol (JSON 1.1, Query) frames a call and reads an error answer.</summary>
internal interface IAwsProtocol
{
    /// <summary>The request for <paramref name="operation"/> with its already serialized <paramref name="payload"/>.</summary>
    HttpRequestMessage CreateRequest(Uri endpoint, string operation, byte[] payload);

    /// <summary>The error an answer with a non-success status carries; a body the protocol cannot read still gives one.</summary>
    AwsServiceException ParseError(int status, HttpResponseMessage? response, byte[] body);
}
