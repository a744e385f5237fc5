using Xunit;

// One jsii (Node.js) process serves the CDK calls of this test process, and every scenario spawns bootstrap
// processes: run the scenarios one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
