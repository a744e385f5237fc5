namespace EmrStudio.Testing.Emr;

/// <summary>
/// A request the fake refused as one EMR's API would refuse (malformed, unsigned, out of the documented limits). State
/// answers (not found, already exists) and injected faults (throttling, 5xx, drops) are not rejections.
/// </summary>
public sealed record FakeEmrRejection(FakeEmrRequest Request, int StatusCode, string ErrorType, string Message);
