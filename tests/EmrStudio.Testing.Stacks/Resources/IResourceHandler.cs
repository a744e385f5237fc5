namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>Plays one resource type's provisioning: what CloudFormation asks of the service behind the type.</summary>
internal interface IResourceHandler
{
    Task<ResourceOutcome> CreateAsync(ResourceRequest request);

    /// <summary>An update in place (custom resources decide replacement themselves, by answering a new id).</summary>
    Task<ResourceOutcome> UpdateAsync(ResourceRequest request);

    Task<ResourceOutcome> DeleteAsync(ResourceRequest request);

    /// <summary>Whether changing from <paramref name="oldProperties"/> to <paramref name="newProperties"/> needs a new physical resource.</summary>
    bool RequiresReplacement(System.Text.Json.Nodes.JsonObject oldProperties, System.Text.Json.Nodes.JsonObject newProperties);
}
