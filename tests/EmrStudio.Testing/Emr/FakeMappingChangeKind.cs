namespace EmrStudio.Testing.Emr;

/// <summary>What happened to a mapping.</summary>
public enum FakeMappingChangeKind
{
    Created,
    Updated,
    Deleted,
}
