namespace EmrStudio.Testing;

/// <summary>
/// The trait that splits the suite in two. Tests marked <c>[Trait(TestTier.Name, TestTier.Full)]</c> need something
/// beyond the .NET SDK and the in-process fakes: the published Native AOT bootstrap, Python (cfn-lint, botocore),
/// Node.js tools from npm, or an external command. The fast tier is everything else:
/// <c>dotnet test Infra.sln --filter Tier!=Full</c>.
/// </summary>
public static class TestTier
{
    public const string Name = "Tier";

    public const string Full = "Full";
}
