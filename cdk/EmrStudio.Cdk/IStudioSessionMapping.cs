using Constructs;

namespace EmrStudio.Cdk;

/// <summary>
/// An EMR Studio session mapping: one defined in this app (<see cref="StudioSessionMapping"/>) or one that exists
/// already, imported by its id (<see cref="StudioSessionMapping.FromMappingId"/>).
/// </summary>
public interface IStudioSessionMapping : IConstruct
{
    /// <summary>
    /// The mapping's id, <c>emrstudio:&lt;StudioId&gt;/&lt;IdentityType&gt;/&lt;IdentityId, percent-encoded&gt;</c>: the
    /// physical resource id of its <c>Custom::EmrStudioSessionMapping</c> resource.
    /// </summary>
    string MappingId { get; }

    /// <summary>The studio's id, such as <c>es-0123456789ABCDEFGHIJKLMNO</c>.</summary>
    string StudioId { get; }

    /// <summary><c>USER</c> or <c>GROUP</c>.</summary>
    string IdentityType { get; }

    /// <summary>The principal's Identity Store id.</summary>
    string IdentityId { get; }
}
