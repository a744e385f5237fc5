using EmrStudio.Testing.Stacks.StackSets;

namespace EmrStudio.StackOperations.Tests.StackSets;

/// <summary>
/// An organization for StackSet rules that need no function: member accounts in an OU "Analytics", a spare OU
/// "Onboarding" to move accounts through, and the regions given. No bootstrap exists behind it: a template with a
/// custom resource would fail loudly.
/// </summary>
internal sealed class NativeOrganization : IAsyncDisposable
{
    public const string UsEast1 = "us-east-1";
    public const string EuWest1 = "eu-west-1";
    public const string ApSoutheast2 = "ap-southeast-2";

    private NativeOrganization(SimulatedOrganization organization, OrganizationalUnit analytics, OrganizationalUnit onboarding)
    {
        Organization = organization;
        Analytics = analytics;
        Onboarding = onboarding;
    }

    public SimulatedOrganization Organization { get; }

    public OrganizationalUnit Analytics { get; }

    public OrganizationalUnit Onboarding { get; }

    public IReadOnlyList<MemberAccount> Accounts => Organization.Accounts;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "Owned by the returned object, disposed on failure.")]
    public static async Task<NativeOrganization> StartAsync(int accounts, params string[] regions)
    {
        var organization = new SimulatedOrganization(Path.Combine(Path.GetTempPath(), "no-bootstrap-here", "bootstrap"), new OrganizationOptions { Regions = regions });
        try
        {
            var analytics = organization.AddOrganizationalUnit("Analytics");
            var onboarding = organization.AddOrganizationalUnit("Onboarding");
            for (var i = 1; i <= accounts; i++)
            {
                await organization.AddAccountAsync($"analytics-{i}", analytics);
            }

            return new NativeOrganization(organization, analytics, onboarding);
        }
        catch
        {
            await organization.DisposeAsync();
            throw;
        }
    }

    public SimulatedStackSet CreateStackSet(IReadOnlyDictionary<string, string>? parameters = null, StackSetAutoDeployment? autoDeployment = null) =>
        Organization.CreateStackSet("native", NativeMemberTemplate.Template, parameters, autoDeployment);

    public ValueTask DisposeAsync() => Organization.DisposeAsync();
}
