using System.Net;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>An S3 error answer: status, code and message as S3 sends them, plus extra elements some codes carry.</summary>
public sealed record S3Error(HttpStatusCode Status, string Code, string Message, IReadOnlyDictionary<string, string>? Extra = null);
