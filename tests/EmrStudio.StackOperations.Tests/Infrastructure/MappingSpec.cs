using Amazon.CDK;
using EmrStudio.Cdk;

namespace EmrStudio.StackOperations.Tests.Infrastructure;

/// <summary>One <see cref="StudioSessionMapping"/> of a construct-built stack version.</summary>
internal sealed record MappingSpec(string Id, string StudioId, StudioIdentity Identity, string PolicyArn, RemovalPolicy? RemovalPolicy = null);
