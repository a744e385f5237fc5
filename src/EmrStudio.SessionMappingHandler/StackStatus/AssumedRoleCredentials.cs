using Amazon.Runtime;

namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>
/// The credentials of a role in another account, assumed on first use and again shortly before they expire. The role
/// is read-only (DescribeStacks) and its account is the stack's own, so nothing else can be asked with them.
/// </summary>
internal sealed class AssumedRoleCredentials : AWSCredentials, IDisposable
{
    public const string SessionName = "emrstudio-session-mapping";

    /// <summary>As short as STS allows: the credentials answer one question about one stack.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(2);

    private readonly SecurityTokenClient _sts;
    private readonly string _roleArn;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ImmutableCredentials Credentials, DateTimeOffset Expiration)? _current;

    public AssumedRoleCredentials(SecurityTokenClient sts, string roleArn, TimeProvider time)
    {
        _sts = sts;
        _roleArn = roleArn;
        _time = time;
    }

    public string RoleArn => _roleArn;

    public void Dispose() => _gate.Dispose();

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_current is not { } current || current.Expiration - RenewBefore <= _time.GetUtcNow())
            {
                // The signer asks without a token; the call it signs is bounded by its own.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
                _current = current = await _sts.AssumeRoleAsync(_roleArn, SessionName, Duration, timeout.Token);
            }

            return current.Credentials;
        }
        finally
        {
            _gate.Release();
        }
    }
}
