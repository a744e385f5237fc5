namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>
/// Fails the first request the way SocketsHttpHandler reports its ConnectTimeout (a cancellation wrapping a
/// <see cref="TimeoutException"/>, with no caller cancellation), then passes requests through.
/// </summary>
internal sealed class ConnectTimeoutOnceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _calls;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) == 1
            ? Task.FromException<HttpResponseMessage>(new TaskCanceledException("The connection attempt timed out.", new TimeoutException()))
            : base.SendAsync(request, cancellationToken);
}
