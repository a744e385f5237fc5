using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using EmrStudio.Testing.CloudFormation;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>The admission of a function whose ResponseURLs arrive at a test receiver, as the tests' trusted host.</summary>
internal static class TestAdmissions
{
    public static EventAdmission Trusting(ResponseUrlReceiver receiver, string? trustedAccounts = null, TimeProvider? time = null) =>
        new(ResponseUrlPolicy.FromVariable(receiver.TrustedHostEntry), StackIdPolicy.FromVariable(trustedAccounts), time ?? TimeProvider.System);
}
