using EmrStudio.SessionMappingHandler.Emr;

namespace EmrStudio.SessionMappingHandler.Mapping.Operations;

/// <summary>
/// Resolves a studio named by <c>StudioName</c> to its id in the function's account and region, through every page
/// of ListStudios, before any mapping call. A name must match exactly one studio (case-sensitively, as EMR stores it):
/// none or several fail the event, naming the property, and touch no mapping.
/// </summary>
internal static class StudioResolver
{
    /// <summary>The properties with the studio's id, or the Reason for a FAILED answer.</summary>
    public static async Task<(SessionMappingProperties? Resolved, string? Failure)> ResolveAsync(
        IEmrClient emr, SessionMappingProperties properties, string failurePrefix, CancellationToken cancellationToken)
    {
        if (!properties.NeedsStudioResolution)
        {
            return (properties, null);
        }

        var name = properties.StudioName!;
        var matches = new List<string>();
        try
        {
            string? marker = null;
            do
            {
                var page = await emr.ListStudiosAsync(marker, cancellationToken);
                matches.AddRange(page.Items.Where(studio => studio.Name == name && studio.StudioId is not null).Select(studio => studio.StudioId!));
                marker = page.NextMarker;
            }
            while (marker is not null);
        }
        catch (Exception error)
        {
            return (null, $"{failurePrefix}StudioName '{ReasonText.Echo(name)}' could not be resolved: ListStudios failed: {ReasonText.Describe(error)}");
        }

        var distinct = matches.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            1 when PropertyRules.StudioId.Accepts(distinct[0]) => (properties with { StudioId = distinct[0] }, null),
            1 => (null, $"Invalid properties: StudioName: the studio named '{ReasonText.Echo(name)}' has an id no mapping can name ('{ReasonText.Echo(distinct[0])}')"),
            0 => (null, $"Invalid properties: StudioName: no studio is named '{ReasonText.Echo(name)}' in this account and region"),
            _ => (null, $"Invalid properties: StudioName: {distinct.Count} studios are named '{ReasonText.Echo(name)}' " +
                $"({string.Join(", ", distinct.Take(5))}{(distinct.Count > 5 ? ", ..." : string.Empty)}): name the studio by StudioId instead"),
        };
    }
}
