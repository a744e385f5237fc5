using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>What intrinsic functions read from outside the template: the stack's resources and the account's exports.</summary>
public interface IResolutionScope
{
    /// <summary>What <c>Ref</c> of a resource gives; throws when the resource has no value yet.</summary>
    JsonNode ResourceRef(string logicalId);

    /// <summary>What <c>Fn::GetAtt</c> gives; throws when the resource has no such attribute.</summary>
    JsonNode ResourceAttribute(string logicalId, string attribute);

    /// <summary>The value another stack exports under <paramref name="exportName"/>; throws when none does.</summary>
    string ImportValue(string exportName);
}
