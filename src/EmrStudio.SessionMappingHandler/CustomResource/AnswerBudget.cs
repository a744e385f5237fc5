using EmrStudio.SessionMappingHandler.CustomResource.Answer;


namespace EmrStudio.SessionMappingHandler.CustomResource;

/// <summary>
/// How one invocation's time, from arrival to the Lambda deadline, is shared between the provider, its clean-up and
/// the answer. It scales with the time there is, so that Lambda's default 3 s timeout works as well as 15 minutes.
/// </summary>
/// <remarks>
/// <c>reserve = clamp(20% of the time left, min(4 s, half the time left), 10 s)</c> is kept back from the provider,
/// whose token ends at <c>deadline - reserve</c>. Of the reserve, the provider may still use
/// <see cref="CleanupAllowance"/> (half of it, at most 2 s) to undo work it could not confirm; a provider still
/// running after that is abandoned. The rest is the answer's: its PUT's token ends <see cref="DeliveryMargin"/>
/// before the deadline, or halfway through the answer's time when an undo must still fit after a failed delivery.
/// Whatever the deadline, the PUT gets at least <see cref="MinimumDeliveryAttempt"/> from when it starts: one
/// bounded attempt is always made, even when the deadline has passed.
/// </remarks>
internal sealed record AnswerBudget(DateTimeOffset Deadline, TimeSpan Reserve, TimeSpan CleanupAllowance)
{
    public static readonly TimeSpan MaxReserve = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan PreferredMinReserve = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan MaxCleanupAllowance = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxDeliveryMargin = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan MinimumDeliveryAttempt = CloudFormationResponder.FirstAttemptFloor;

    /// <summary>Left after an undo, so that reporting the error to the Runtime API still happens in time.</summary>
    public static readonly TimeSpan UndoMargin = TimeSpan.FromMilliseconds(50);

    private const double ReserveFraction = 0.2;

    /// <summary>When the provider's token ends.</summary>
    public DateTimeOffset ProviderDeadline => Deadline - Reserve;

    /// <summary>When a provider that ignores its token is given up on.</summary>
    public DateTimeOffset AbandonAt => ProviderDeadline + CleanupAllowance;

    /// <summary>What is left for the answer once the provider is done.</summary>
    public TimeSpan DeliveryTime => Reserve - CleanupAllowance;

    /// <summary>How long before the deadline the PUT stops, so the runtime result still goes out in time.</summary>
    public TimeSpan DeliveryMargin => DeliveryTime / 4 < MaxDeliveryMargin ? DeliveryTime / 4 : MaxDeliveryMargin;

    /// <summary>The budget of an event that arrives at <paramref name="now"/> and must be done by <paramref name="deadline"/>.</summary>
    public static AnswerBudget For(DateTimeOffset deadline, DateTimeOffset now)
    {
        var remaining = deadline > now ? deadline - now : TimeSpan.Zero;
        var floor = remaining / 2 < PreferredMinReserve ? remaining / 2 : PreferredMinReserve;
        var share = remaining * ReserveFraction;
        var reserve = share < floor ? floor : share > MaxReserve ? MaxReserve : share;
        var cleanup = reserve / 2 < MaxCleanupAllowance ? reserve / 2 : MaxCleanupAllowance;
        return new AnswerBudget(deadline, reserve, cleanup);
    }

    /// <summary>When the PUT's token ends, for an answer that does or does not carry an undo.</summary>
    public DateTimeOffset DeliveryEnd(bool undoPending, DateTimeOffset now)
    {
        var margin = undoPending && DeliveryTime / 2 > DeliveryMargin ? DeliveryTime / 2 : DeliveryMargin;
        var end = Deadline - margin;
        return end > now + MinimumDeliveryAttempt ? end : now + MinimumDeliveryAttempt;
    }

    /// <summary>When an undo must be done.</summary>
    public DateTimeOffset UndoEnd => Deadline - UndoMargin;
}
