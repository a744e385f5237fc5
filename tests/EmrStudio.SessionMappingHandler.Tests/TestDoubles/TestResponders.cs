using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

internal static class TestResponders
{
    /// <summary>
    /// The real responder on <paramref name="time"/>: its attempt timeouts (the product's 5 s unless told) and its
    /// waits pass only when the test advances that clock, and it retries at once unless given a backoff. So no
    /// attempt is abandoned because the machine is slow, and a test ends a retry sequence on a signal.
    /// </summary>
    public static CloudFormationResponder OnClock(HttpClient http, ILog log, TimeProvider time, Backoff? backoff = null, TimeSpan? attemptTimeout = null) =>
        new(http, log, backoff ?? TestBackoffs.Immediate, attemptTimeout ?? CloudFormationResponder.DefaultAttemptTimeout, time);
}
