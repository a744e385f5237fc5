using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Logging;


namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Creates a mapping and reads it back, shared by Create and by a replacing or self-healing Update. A failure after
/// EMR created the mapping deletes it again, so a failed event never leaves a mapping CloudFormation does not know.
/// </summary>
internal sealed class MappingCreator
{
    /// <summary>
    /// How much earlier than our first attempt an "already existing" mapping may claim to be created and still count
    /// as that attempt's: clocks of Lambda and EMR differ a little, and EMR stamps the time when it commits.
    /// </summary>
    public static readonly TimeSpan AdoptionClockSkew = TimeSpan.FromSeconds(10);

    private readonly RecordingEmrClient _emr;
    private readonly ILog _log;
    private readonly TimeProvider _time;
    private readonly TimeSpan _compensationGrace;

    /// <param name="emr">The event's EMR client.</param>
    /// <param name="log">Receives a line when a mapping is adopted or may be left behind.</param>
    /// <param name="time">The clock for the adoption test and the clean-up's grace.</param>
    /// <param name="compensationGrace">
    /// How long clean-up (a compensating delete, the check for a create whose answer was lost) may run past the
    /// event's token: a leaked mapping that CloudFormation does not know is worse than an answer sent this much later.
    /// </param>
    public MappingCreator(RecordingEmrClient emr, ILog log, TimeProvider time, TimeSpan compensationGrace)
    {
        _emr = emr;
        _log = log;
        _time = time;
        _compensationGrace = compensationGrace;
    }

    public async Task<MappingCreation> CreateAsync(SessionMappingProperties properties, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        try
        {
            await _emr.CreateStudioSessionMappingAsync(properties.ToInput(), cancellationToken);
        }
        catch (EmrException error) when (error.IsAlreadyExists)
        {
            return await ClaimExistingAsync(properties, error, startedAt, cancellationToken);
        }
        catch (Exception error)
        {
            var failure = $"CreateStudioSessionMapping for {properties.DescribePrincipal()} failed: {ReasonText.Describe(error)}";
            // A refusal (4xx) commits nothing, unless an earlier attempt of the same call went unanswered.
            if (error is EmrException { StatusCode: >= 400 and < 500, AfterUnconfirmedAttempt: false })
            {
                return MappingCreation.NotOurs(MappingCreationStatus.Failed, failure);
            }

            var cleanup = await CleanUpUnconfirmedAsync(properties, startedAt, cancellationToken);
            return MappingCreation.NotOurs(MappingCreationStatus.Failed, cleanup is null ? failure : $"{failure}; {cleanup}");
        }

        SessionMappingDetail detail;
        try
        {
            detail = await _emr.GetStudioSessionMappingAsync(properties.ToKey(), cancellationToken);
        }
        catch (Exception error)
        {
            var undone = await CompensateAsync(properties.ToKey(), properties, cancellationToken);
            return MappingCreation.NotOurs(
                MappingCreationStatus.Failed,
                $"the mapping for {properties.DescribePrincipal()} was created, but reading it back failed ({ReasonText.Describe(error)}); {undone}");
        }

        return await AcceptAsync(MappingCreationStatus.Created, detail, properties, cancellationToken);
    }

    /// <summary>
    /// "Already exists" is final, unless an earlier attempt of this same call went unanswered: then the mapping may be
    /// our own. It is adopted only when it was created after our attempt began (less clock skew) with our policy;
    /// anything else is treated as someone else's and left untouched, since deleting a stranger's mapping is the worse
    /// mistake.
    /// </summary>
    private async Task<MappingCreation> ClaimExistingAsync(
        SessionMappingProperties properties, EmrException error, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var existsReason =
            $"a session mapping for {properties.DescribePrincipal()} already exists and was left untouched; " +
            "set AdoptExisting to \"true\" to take it over, delete it, or map another principal";
        if (!error.AfterUnconfirmedAttempt)
        {
            return MappingCreation.NotOurs(MappingCreationStatus.AlreadyExists, existsReason);
        }

        SessionMappingDetail detail;
        try
        {
            detail = await _emr.GetStudioSessionMappingAsync(properties.ToKey(), cancellationToken);
        }
        catch (Exception readError)
        {
            return MappingCreation.NotOurs(
                MappingCreationStatus.AlreadyExists,
                $"{existsReason} (an earlier attempt went unanswered, and reading the mapping to tell whether it was " +
                $"that attempt's failed: {ReasonText.Describe(readError)})");
        }

        if (!IsFromThisAttempt(detail, properties, startedAt))
        {
            return MappingCreation.NotOurs(MappingCreationStatus.AlreadyExists, existsReason);
        }

        _log.Write(
            LogLevel.Info,
            "Adopting the mapping an unanswered create attempt made",
            new("studioId", properties.StudioId),
            new("identityType", properties.IdentityType));
        return await AcceptAsync(MappingCreationStatus.Adopted, detail, properties, cancellationToken);
    }

    /// <summary>
    /// A create that ended without a definite answer (the deadline, a dropped connection, a final 5xx) may still have
    /// been committed. A mapping that looks like this attempt's, by the same test as adoption, is deleted, so a failed
    /// event leaves nothing behind; says what was found, or null when nothing was.
    /// </summary>
    private async Task<string?> CleanUpUnconfirmedAsync(
        SessionMappingProperties properties, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        SessionMappingDetail detail;
        try
        {
            using var deadline = new CompensationDeadline(_compensationGrace, _time, cancellationToken);
            detail = await _emr.GetStudioSessionMappingAsync(properties.ToKey(), deadline.Token);
        }
        catch (EmrException error) when (error.IsMappingNotFound || error.IsStudioNotFound)
        {
            return null;
        }
        catch (Exception error)
        {
            return $"whether the attempt created the mapping is unknown ({ReasonText.Describe(error)}): check the mapping for {properties.DescribePrincipal()}";
        }

        return IsFromThisAttempt(detail, properties, startedAt)
            ? $"the attempt had created the mapping after all; {await CompensateAsync(properties.ToKey(), properties, cancellationToken)}"
            : null;
    }

    private static bool IsFromThisAttempt(SessionMappingDetail detail, SessionMappingProperties properties, DateTimeOffset startedAt) =>
        EpochTime.ToDateTimeOffset(detail.CreationTime) >= startedAt - AdoptionClockSkew
        && string.Equals(detail.SessionPolicyArn, properties.SessionPolicyArn, StringComparison.Ordinal);

    private async Task<MappingCreation> AcceptAsync(
        MappingCreationStatus status, SessionMappingDetail detail, SessionMappingProperties properties, CancellationToken cancellationToken)
    {
        var id = MappingId.TryCreate(detail.StudioId ?? properties.StudioId, detail.IdentityType ?? properties.IdentityType, detail.IdentityId);
        if (id is null)
        {
            var undone = await CompensateAsync(properties.ToKey(), properties, cancellationToken);
            return MappingCreation.NotOurs(
                MappingCreationStatus.Failed,
                $"EMR reported the mapping for {properties.DescribePrincipal()} with an IdentityId that cannot name it " +
                $"('{ReasonText.Echo(detail.IdentityId)}'); {undone}");
        }

        return MappingCreation.Ours(status, id, detail);
    }

    /// <summary>Deletes a mapping this event created; says what became of it, for the Reason.</summary>
    private async Task<string> CompensateAsync(
        StudioSessionMappingKey key, SessionMappingProperties properties, CancellationToken cancellationToken)
    {
        _emr.NoteCompensatingDelete();
        using var deadline = new CompensationDeadline(_compensationGrace, _time, cancellationToken);
        try
        {
            await _emr.DeleteStudioSessionMappingAsync(key, deadline.Token);
            return "it was deleted again";
        }
        catch (EmrException error) when (error.IsMappingNotFound || error.IsStudioNotFound)
        {
            return "it no longer exists";
        }
        catch (Exception error)
        {
            _log.Write(
                LogLevel.Error,
                "Compensating delete failed: a session mapping may be left behind",
                new("studioId", properties.StudioId),
                new("identityType", properties.IdentityType),
                new("error", ReasonText.Describe(error)));
            return $"deleting it again also failed ({ReasonText.Describe(error)}): delete the mapping for {properties.DescribePrincipal()} by hand";
        }
    }
}
