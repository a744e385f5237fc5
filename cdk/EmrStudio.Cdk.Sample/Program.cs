using Amazon.CDK;
using EmrStudio.Cdk;
using EmrStudio.Cdk.Sample;

// The studio comes from context: `cdk synth -c studioId=es-...`; the placeholder keeps a plain synth working (with a
// warning that says so). The export name of the ServiceToken can come from context too: -c serviceTokenExportName=...
try
{
    var app = new App();
    var studioId = app.Node.TryGetContext("studioId") as string ?? SessionMappingsStack.PlaceholderStudioId;
    _ = new SessionMappingsStack(app, "EmrStudioSessionMappings", studioId, new StackProps
    {
        Description = "EMR Studio session mappings for the data science team.",
    });
    app.Synth();
    return 0;
}
catch (StudioSessionMappingValidationException error)
{
    // A value the deployment would refuse: the one line that names the construct path, the property and the rule
    // says all there is to fix; a stack trace would only point into the construct library.
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}
