using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Architecture;

/// <summary>The handler's folders form the layers CONTRIBUTING.md describes, with no cycle between them.</summary>
public sealed class FolderLayeringTests
{
    private static readonly FolderDependencies Handler = FolderDependencies.Read(Path.Combine(RepositoryRoot.Path, "src", "EmrStudio.SessionMappingHandler"));
    private static readonly DocumentedLayers Documented = DocumentedLayers.Parse(File.ReadAllText(RepositoryRoot.File("CONTRIBUTING.md")));

    [Fact]
    public void FindCycle_HandlerFolders_FindsNone()
    {
        var cycle = Handler.FindCycle();

        Assert.True(cycle is null, $"The handler's folders reference each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Folders_OfTheHandler_AreEachPlacedInTheDocumentedOrder()
    {
        var undocumented = Handler.Folders.Where(folder => !Documented.Knows(folder)).Order(StringComparer.Ordinal).ToList();
        var gone = Documented.Folders.Where(folder => !Handler.Folders.Contains(folder)).Order(StringComparer.Ordinal).ToList();

        Assert.True(undocumented.Count == 0, $"Folders missing from CONTRIBUTING.md's layer order: {string.Join(", ", undocumented)}");
        Assert.True(gone.Count == 0, $"CONTRIBUTING.md's layer order names folders that don't exist: {string.Join(", ", gone)}");
    }

    [Fact]
    public void References_BetweenHandlerFolders_PointOnlyToLowerLayers()
    {
        var upward = (
            from folder in Handler.Edges
            where Documented.Knows(folder.Key)
            from target in folder.Value
            where Documented.Knows(target.Key) && !Documented.Allows(folder.Key, target.Key)
            select $"{folder.Key} (layer {Documented.LevelOf(folder.Key)}) -> {target.Key} (layer {Documented.LevelOf(target.Key)}), in {target.Value}").ToList();

        Assert.True(upward.Count == 0, "References to a peer or a higher layer:\n" + string.Join('\n', upward));
    }

    [Fact]
    public void FindCycle_FoldersThatReferenceEachOther_NamesTheCycle()
    {
        var directory = Directory.CreateTempSubdirectory("emrstudio-layers-");
        try
        {
            Write(directory.FullName, "A/One.cs", "using EmrStudio.SessionMappingHandler.B;\nnamespace EmrStudio.SessionMappingHandler.A;");
            Write(directory.FullName, "B/Two.cs", "namespace EmrStudio.SessionMappingHandler.B;\nclass Two { EmrStudio.SessionMappingHandler.C.Three? x; }");
            Write(directory.FullName, "C/Three.cs", "using EmrStudio.SessionMappingHandler.A;\nnamespace EmrStudio.SessionMappingHandler.C;");

            var cycle = FolderDependencies.Read(directory.FullName).FindCycle();

            Assert.Equal(["A", "B", "C", "A"], cycle);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Parse_OrderWithPeersAndSubfolders_PlacesEachTopLevelFolder()
    {
        var layers = DocumentedLayers.Parse(
            "Text. The order, from the bottom: `Platform`, `Text`; `Aws`; `CustomResource` (`Request`, then `Answer`); `Mapping`, then\n`Mapping/Operations`; `Hosting`. Each wire layer");

        Assert.Equal(["Platform", "Text", "Aws", "CustomResource", "Mapping", "Hosting"], layers.Folders);
        Assert.True(layers.Allows("Aws", "Platform"));
        Assert.False(layers.Allows("Platform", "Text"));
        Assert.False(layers.Allows("Aws", "Mapping"));
    }

    private static void Write(string root, string relativePath, string text)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
