using EmrStudio.CodePublisher.Cli;

// Publishes the handler's release zip to <prefix>-<region> in every region given, for StackSet instances in any
// account of the organization. See docs/publishing-code.md.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, cancel) =>
{
    cancel.Cancel = true;
    cancellation.Cancel();
};
return await PublishCommand.RunAsync(args, Console.Out, Console.Error, PublishCommand.AwsClientsAsync, TimeProvider.System, cancellation.Token);
