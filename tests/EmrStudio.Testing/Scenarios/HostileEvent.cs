namespace EmrStudio.Testing.Scenarios;

/// <summary>A generated event and a short account of what was done to it, for failure messages.</summary>
/// <param name="Event">The event.</param>
/// <param name="Description">What was done to it.</param>
/// <param name="Refused">True when the handler must refuse it outright: no EMR call, and no PUT unless its ResponseURL is trusted.</param>
public sealed record HostileEvent(CustomResourceEvent Event, string Description, bool Refused = false);
