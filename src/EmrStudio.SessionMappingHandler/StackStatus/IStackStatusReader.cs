namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>Reads a stack's current status from CloudFormation.</summary>
internal interface IStackStatusReader
{
    /// <summary>
    /// The stack's <c>StackStatus</c> (for example <c>UPDATE_ROLLBACK_IN_PROGRESS</c>), or null when CloudFormation
    /// knows no such stack. Throws <see cref="Aws.AwsServiceException"/> for any other error answer (access denied
    /// included) and <see cref="OperationCanceledException"/> when the token ends first.
    /// </summary>
    Task<string?> GetStackStatusAsync(string stackId, CancellationToken cancellationToken);
}
