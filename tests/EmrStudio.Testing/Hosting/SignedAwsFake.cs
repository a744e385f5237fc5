using System.Text;
using EmrStudio.Testing.Iam;
using Microsoft.AspNetCore.WebUtilities;

namespace EmrStudio.Testing.Hosting;

/// <summary>
/// What every fake AWS service shares: the key pairs whose SigV4 signatures it accepts, an optional
/// <see cref="IAccessAuthorizer"/> that decides each call as IAM would, the calls it could not decide, and one lock
/// for the subclass's own recorded state.
/// </summary>
public abstract class SignedAwsFake : KestrelFake
{
    private readonly Dictionary<string, string> _credentials = new(StringComparer.Ordinal);
    private readonly List<string> _authorizationFailures = [];

    /// <summary>The account of the resource ARNs that calls are authorized on.</summary>
    public string AccountId { get; set; } = "123456789012";

    /// <summary>When set, calls are authorized with it, per action and resource; null (the default): every call is allowed.</summary>
    public IAccessAuthorizer? Authorizer { get; set; }

    /// <summary>Calls the <see cref="Authorizer"/> could not decide (it threw): each was answered HTTP 500.</summary>
    public IReadOnlyList<string> AuthorizationFailures => Snapshot(_authorizationFailures);

    /// <summary>Guards the recorded state of this fake and of its subclass.</summary>
    protected Lock Gate { get; } = new();

    /// <summary>Accepts signatures made with this key pair.</summary>
    public void AddCredentials(string accessKeyId, string secretAccessKey)
    {
        lock (Gate)
        {
            _credentials[accessKeyId] = secretAccessKey;
        }
    }

    /// <summary>The secret of a key the fake accepts, or null; what <see cref="Emr.SigV4Verifier"/> asks for.</summary>
    protected string? SecretFor(string accessKeyId)
    {
        lock (Gate)
        {
            return _credentials.GetValueOrDefault(accessKeyId);
        }
    }

    /// <summary>A copy of <paramref name="items"/> taken under <see cref="Gate"/>.</summary>
    protected IReadOnlyList<T> Snapshot<T>(IEnumerable<T> items)
    {
        lock (Gate)
        {
            return [.. items];
        }
    }

    /// <summary>
    /// The <see cref="Authorizer"/>'s decision on one action, or null when there is none; a call it cannot decide is
    /// recorded in <see cref="AuthorizationFailures"/> and comes back as a denial whose <c>Undecided</c> is true.
    /// </summary>
    /// <param name="accessKeyId">The caller's access key.</param>
    /// <param name="action">The action, as the service spells it (<c>elasticmapreduce:DeleteStudioSessionMapping</c>).</param>
    /// <param name="resource">The resource ARN, or <c>*</c>.</param>
    /// <param name="call">Names the call in a recorded failure, for example <c>DeleteStudioSessionMapping by ASIA...</c>.</param>
    protected (bool Allowed, string Message, bool Undecided)? Authorize(string accessKeyId, string action, string resource, string call)
    {
        if (Authorizer is not { } authorizer)
        {
            return null;
        }

        try
        {
            var decision = authorizer.Authorize(accessKeyId, action, resource);
            return (decision.Allowed, decision.Message, false);
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or KeyNotFoundException)
        {
            var failure = $"{call}: {action} on {resource} could not be authorized: {exception.Message}";
            lock (Gate)
            {
                _authorizationFailures.Add(failure);
            }

            return (false, failure, true);
        }
    }

    /// <summary>The parameters of an AWS Query protocol call (a form-encoded body), by name.</summary>
    protected static Dictionary<string, string> QueryParameters(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
}
