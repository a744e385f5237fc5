using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
