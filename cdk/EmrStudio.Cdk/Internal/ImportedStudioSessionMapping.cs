using Amazon.CDK;
using Constructs;
using CanonicalMappingId = EmrStudio.SessionMappingHandler.Mapping.MappingId;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// A mapping that exists outside this app, named by its id. A literal id is read, and checked, by the handler's own
/// <see cref="CanonicalMappingId"/>; a token is split by CloudFormation at deploy time.
/// </summary>
internal sealed class ImportedStudioSessionMapping : Construct, IStudioSessionMapping
{
    private const string PropertyName = "MappingId";

    public ImportedStudioSessionMapping(Construct scope, string id, string mappingId)
        : base(scope, id)
    {
        if (mappingId is null)
        {
            throw Validation.Error(Node.Path, PropertyName, "is required.");
        }

        MappingId = mappingId;
        if (!Token.IsUnresolved(mappingId))
        {
            var parsed = CanonicalMappingId.Parse(mappingId)
                ?? throw Validation.Error(Node.Path, PropertyName, $"{CanonicalMappingId.ShapeRule} (got '{Validation.Printable(mappingId)}').");
            StudioId = parsed.StudioId;
            IdentityType = parsed.IdentityType;
            IdentityId = parsed.IdentityId;
            return;
        }

        // emrstudio:<studio>/<type>/<identity>: the encoding leaves no '/' in the identity and no ':' after the prefix.
        // The last part is the identity as encoded, which is the id itself for every Identity Store id (letters,
        // digits and dashes stay literal); CloudFormation has no function to decode anything else.
        var parts = Fn.Split("/", mappingId);
        StudioId = Fn.Select(1, Fn.Split(":", Fn.Select(0, parts)));
        IdentityType = Fn.Select(1, parts);
        IdentityId = Fn.Select(2, parts);
    }

    public string MappingId { get; }

    public string StudioId { get; }

    public string IdentityType { get; }

    public string IdentityId { get; }
}
