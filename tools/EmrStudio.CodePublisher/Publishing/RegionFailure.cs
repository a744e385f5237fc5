namespace EmrStudio.CodePublisher.Publishing;

/// <summary>The step a region stopped at (<c>bucket</c>, a setting's name, <c>code</c>) and why.</summary>
internal sealed record RegionFailure(string Step, string Message);
