using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmrStudio.Testing.Hosting;

/// <summary>
/// A fake AWS endpoint served by Kestrel on a free loopback port, over plain HTTP or, given a
/// <see cref="TestCertificateAuthority"/>, over HTTPS. Subclasses answer requests in <see cref="HandleAsync"/>.
/// </summary>
public abstract class KestrelFake : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The base address, for example <c>http://127.0.0.1:40123</c>, with no trailing slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the server; with <paramref name="tls"/> it serves HTTPS with a certificate from that CA.</summary>
    public async Task StartAsync(TestCertificateAuthority? tls = null)
    {
        // No watch on appsettings files: each watch takes an inotify instance, and a simulated organization runs
        // hundreds of fakes at once, beyond the usual 128 instances per user.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (tls is not null)
                {
                    listen.UseHttps(tls.ServerCertificate);
                }
            });
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var address = addresses.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }

    /// <summary>Answers one request.</summary>
    protected abstract Task HandleAsync(HttpContext context);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The whole request body, as the caller sent it.</summary>
    protected static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }
}
