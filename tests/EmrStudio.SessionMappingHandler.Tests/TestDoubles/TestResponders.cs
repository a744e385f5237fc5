using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

internal static class TestResponders
{
    /// <summary>The real responder with millisecond backoff, so that retry tests stay fast.</summary>
    public static CloudFormationResponder Fast(HttpClient http, ILog log, TimeSpan? attemptTimeout = null) =>
        new(http, log, new Backoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)), attemptTimeout ?? TimeSpan.FromMilliseconds(500));
}
