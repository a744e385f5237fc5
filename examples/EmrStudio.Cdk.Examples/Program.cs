using Amazon.CDK;
using EmrStudio.Cdk.Examples;

// Synthesizes every example stack into cdk.out/ (needs a built handler: artifacts/handler/bootstrap).
var app = new App();
ExampleStacks.AddTo(app);
app.Synth();
