using Xunit;

// The CDK's .NET bindings talk to one jsii (Node.js) process per test process; keep its calls sequential.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
