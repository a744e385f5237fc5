namespace EmrStudio.Testing.Publishing;

/// <summary>
/// What one successful publish left for the next test process: the inputs it was made from, the executable it made,
/// and everything the build and the publish printed (the AOT-warning check reads it).
/// </summary>
public sealed record PublishRecord(string Fingerprint, string BootstrapSha256, string Output);
