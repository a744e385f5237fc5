using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Templates;

/// <summary>The scope of a template resolved before deployment: no resource has a value and no stack exports anything.</summary>
internal sealed class NoResourcesYet(string template) : IResolutionScope
{
    public JsonNode ResourceRef(string logicalId) =>
        throw new NotSupportedException($"{template}: Ref {logicalId} needs the deployed resource (only parameters resolve before deployment).");

    public JsonNode ResourceAttribute(string logicalId, string attribute) =>
        throw new NotSupportedException($"{template}: Fn::GetAtt {logicalId}.{attribute} needs the deployed resource (only parameters resolve before deployment).");

    public string ImportValue(string exportName) =>
        throw new NotSupportedException($"{template}: Fn::ImportValue {exportName} needs the exporting stack (only parameters resolve before deployment).");
}
