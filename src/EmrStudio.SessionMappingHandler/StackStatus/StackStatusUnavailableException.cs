namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>The handler has no way to ask CloudFormation about this stack (it is in another account, and no role there lets it).</summary>
internal sealed class StackStatusUnavailableException : Exception
{
    public StackStatusUnavailableException(string message)
        : base(message)
    {
    }
}
