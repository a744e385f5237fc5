namespace EmrStudio.Testing.Emr;

/// <summary>An error answer the fake sends instead of performing a call, as scheduled by <see cref="FakeEmr.FailNext(string, int, FakeEmrError)"/>.</summary>
public sealed record FakeEmrError(int StatusCode, string ErrorType, string Message);
