using Xunit.Abstractions;

namespace EmrStudio.Scale;

/// <summary>Where the shared publish of the bootstrap reports its progress: the command's standard error.</summary>
internal sealed class ConsoleMessageSink : IMessageSink
{
    public bool OnMessage(IMessageSinkMessage message)
    {
        if (message is IDiagnosticMessage diagnostic)
        {
            Console.Error.WriteLine(diagnostic.Message);
        }

        return true;
    }
}
