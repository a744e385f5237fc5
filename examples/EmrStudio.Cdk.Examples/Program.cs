using Amazon.CDK;
using EmrStudio.Cdk.Examples;

// Synthesizes every example stack (needs a built handler: artifacts/handler/bootstrap). Run by the CDK CLI, into the
// folder it names; run on its own (`dotnet run --project examples/EmrStudio.Cdk.Examples`), into this project's
// cdk.out/, wherever it is run from.
var outdir = ExamplesOutput.Directory(System.Environment.GetEnvironmentVariable(ExamplesOutput.CliVariable));
var app = new App(new AppProps { Outdir = outdir });
var stacks = ExampleStacks.AddTo(app);
app.Synth();

// Each StackSet's member template beside the stacks: what every account receives, for a look or a lint.
foreach (var rollout in stacks.OfType<OrganizationRolloutStack>())
{
    File.WriteAllText(Path.Combine(outdir, ExamplesOutput.MemberTemplateFile(rollout.StackName)), rollout.StackSet.MemberTemplate);
}

Console.Error.WriteLine($"Synthesized {stacks.Count} example stacks into {outdir}");
