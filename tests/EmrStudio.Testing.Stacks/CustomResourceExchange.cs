using EmrStudio.Testing.CloudFormation;

namespace EmrStudio.Testing.Stacks;

/// <summary>One custom-resource event the simulated CloudFormation sent, the stack status it was sent in, and the answer (null: none came).</summary>
public sealed record CustomResourceExchange(string StackName, string LogicalId, string RequestType, string StackStatus, string EventJson, ReceivedAnswer? Answer)
{
    public override string ToString() =>
        $"{StackName}/{LogicalId} {RequestType} in {StackStatus}: {(Answer is null ? "no answer" : $"{Answer.Status} {Answer.PhysicalResourceId}{(Answer.Reason is null ? string.Empty : " - " + Answer.Reason)}")}";
}
