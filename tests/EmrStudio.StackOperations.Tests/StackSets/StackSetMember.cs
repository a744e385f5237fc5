using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// What a StackSet deploys to every account and region: the template, its parameters at creation and after the
/// session-policy change, the studio name its mappings name, and the Identity Center principals they map (which the
/// organization's identity store must hold, with the same ids in every account).
/// </summary>
public sealed record StackSetMember(
    CloudFormationTemplate Template,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> UpdatedParameters,
    string StudioName,
    IReadOnlyList<(string IdentityType, string Name)> Principals);
