namespace EmrStudio.Testing.Scenarios;

/// <summary>A generated event and a short account of what was done to it, for failure messages.</summary>
public sealed record HostileEvent(CustomResourceEvent Event, string Description);
