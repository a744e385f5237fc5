namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>Why an event is not acted on: the check that refused it, and what to tell CloudFormation (or Lambda).</summary>
/// <param name="Check">The refusing check, for the log line: <c>ResponseURL</c>, <c>StackId</c> or <c>EventAge</c>.</param>
/// <param name="Reason">A sentence that names the check and the rule.</param>
/// <param name="CanAnswer">False when the ResponseURL itself was refused: then nothing is PUT anywhere.</param>
internal sealed record EventRefusal(string Check, string Reason, bool CanAnswer);
