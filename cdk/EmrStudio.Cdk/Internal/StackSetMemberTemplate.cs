using System.Text.Json.Nodes;
using Amazon.CDK;

namespace EmrStudio.Cdk.Internal;

/// <summary>
/// Synthesizes the template of a StackSet's stack instances from the same constructs as a stack's mappings: an app of
/// its own (an instance is not a stack of the deploying app), a <see cref="StackSetMemberStack"/>, the mappings and
/// their shared handler. The template is returned as compact JSON.
/// </summary>
internal static class StackSetMemberTemplate
{
    /// <summary>The member stack's construct id: errors name <c>&lt;StackSet path&gt;/Mappings/&lt;mapping id&gt;</c>.</summary>
    public const string StackId = "Mappings";

    public static string Synthesize(string ownerPath, StudioSessionMappingStackSetProps props, string codeKey)
    {
        ArgumentNullException.ThrowIfNull(props);
        var outdir = Directory.CreateTempSubdirectory("emrstudio-stackset-member-");
        try
        {
            var app = new App(new AppProps
            {
                Outdir = outdir.FullName,
                AnalyticsReporting = false,
                // The same template however the deploying app runs: the CDK CLI's context must not add path metadata.
                PostCliContext = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = false, ["aws:cdk:version-reporting"] = false },
            });
            var stack = new StackSetMemberStack(app, StackId, props.CodeBucketPrefix, codeKey);
            AddMappings(stack, props);
            var assembly = app.Synth();
            var template = File.ReadAllText(assembly.GetStackArtifact(stack.ArtifactId).TemplateFullPath);
            return JsonNode.Parse(template)!.ToJsonString();
        }
        catch (StudioSessionMappingValidationException e)
        {
            throw Validation.Error($"{ownerPath}/{e.ConstructPath}", e.ParamName ?? string.Empty, e.Rule);
        }
        finally
        {
            outdir.Delete(recursive: true);
        }
    }

    private static void AddMappings(Stack stack, StudioSessionMappingStackSetProps props)
    {
        foreach (var (id, mapping) in (props.Mappings ?? new Dictionary<string, StudioSessionMappingProps>()).OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (mapping is null)
            {
                throw Validation.Error($"{stack.Node.Path}/{id}", "Mappings", "must not hold null.");
            }

            if (mapping.HandlerOptions is not null)
            {
                throw Validation.Error($"{stack.Node.Path}/{id}", "HandlerOptions",
                    "belong to the StackSet, whose stack instances have one handler each: give them to StudioSessionMappingStackSetProps.HandlerOptions.");
            }

            _ = new StudioSessionMapping(stack, id, new StudioSessionMappingProps
            {
                StudioId = mapping.StudioId,
                Identity = mapping.Identity,
                SessionPolicy = mapping.SessionPolicy,
                RemovalPolicy = mapping.RemovalPolicy,
                AdoptExisting = mapping.AdoptExisting,
                HandlerOptions = props.HandlerOptions,
            });
        }

        var handler = SharedHandler.GetOrCreate(stack);
        if (props.HandlerOptions is { } options)
        {
            handler.Configure(HandlerSettings.From(options, stack.Node.Path), stack.Node.Path);
        }

        if (props.ServiceTokenExportName is { } exportName)
        {
            _ = new CfnOutput(stack, "ServiceToken", new CfnOutputProps
            {
                Description = "The ServiceToken of Custom::EmrStudioSessionMapping in this account and region (the handler's ARN).",
                Value = handler.ServiceToken,
                ExportName = exportName,
            });
        }
    }
}
