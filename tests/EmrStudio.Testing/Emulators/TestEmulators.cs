
namespace EmrStudio.Testing.Emulators;

/// <summary>The npm packages of the emulators the tests run (tests/EmrStudio.Testing/Emulators/npm).</summary>
public static class TestEmulators
{
    public static NpmPackageSet Packages { get; } =
        new(Path.Combine(RepositoryRoot.Find(), "tests", "EmrStudio.Testing", "Emulators", "npm"), "emulators");
}
