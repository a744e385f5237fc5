using Amazon.CDK;
using EmrStudio.Cdk.Sample;

// The studio comes from context: `cdk synth -c studioId=es-...`; the placeholder keeps a plain synth working (with a
// warning that says so). The export name of the ServiceToken can come from context too: -c serviceTokenExportName=...
var app = new App();
var studioId = app.Node.TryGetContext("studioId") as string ?? SessionMappingsStack.PlaceholderStudioId;
_ = new SessionMappingsStack(app, "EmrStudioSessionMappings", studioId, new StackProps
{
    Description = "EMR Studio session mappings for the data science team.",
});
app.Synth();
