namespace EmrStudio.Testing.Stacks.StackSets;

/// <summary>A StackSets call CloudFormation refuses, with the error code its API answers.</summary>
public sealed class StackSetException : Exception
{
    public const string ValidationError = "ValidationError";
    public const string StackSetNotEmpty = "StackSetNotEmptyException";
    public const string OperationInProgress = "OperationInProgressException";
    public const string StackSetNotFound = "StackSetNotFoundException";
    public const string NameAlreadyExists = "NameAlreadyExistsException";

    public StackSetException()
        : this(ValidationError, "The StackSets call was refused.")
    {
    }

    public StackSetException(string message)
        : this(ValidationError, message)
    {
    }

    public StackSetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ValidationError;
    }

    public StackSetException(string code, string message)
        : base($"{code}: {message}")
    {
        Code = code;
    }

    public string Code { get; }
}
