namespace EmrStudio.CodePublisher.Aws;

/// <summary>An S3 API call the publisher makes, and the IAM action that allows it.</summary>
internal sealed record S3Operation(string Name, string Action, S3ResourceScope Scope);
