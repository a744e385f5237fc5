using EmrStudio.CodePublisher.Code;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>What to publish where: checked inputs only (see <see cref="Cli.CommandLine"/>).</summary>
internal sealed record PublishPlan(HandlerZip Zip, string BucketPrefix, IReadOnlyList<string> Regions, string OrganizationId, string Partition);
