namespace EmrStudio.CodePublisher.Cli;

/// <summary>The command line, checked: every value here has its documented shape.</summary>
internal sealed record PublishOptions(
    string ZipPath,
    string BucketPrefix,
    IReadOnlyList<string> Regions,
    string OrganizationId,
    string? Profile,
    Uri? EndpointUrl,
    int? MaxAttempts);
