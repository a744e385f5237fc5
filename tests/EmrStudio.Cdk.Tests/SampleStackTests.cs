using Amazon.CDK;
using Amazon.CDK.Assertions;
using EmrStudio.Cdk.Sample;
using Xunit;
using Annotations = Amazon.CDK.Assertions.Annotations;

namespace EmrStudio.Cdk.Tests;

/// <summary>The sample app's stack (cdk.json runs it): its export name and its warning about the placeholder studio.</summary>
public sealed class SampleStackTests
{
    internal const string RealStudio = "es-0123456789ABCDEFGHIJKLMNO";

    [Fact]
    public void ServiceTokenExport_Default_IsTheSamplesDefaultName()
    {
        Assert.Equal(SessionMappingsStack.DefaultServiceTokenExportName, ExportName(Sample(new App(), RealStudio)));
    }

    [Fact]
    public void ServiceTokenExport_ContextValue_NamesTheExport()
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object> { [SessionMappingsStack.ExportNameContextKey] = "TeamServiceToken" } });

        Assert.Equal("TeamServiceToken", ExportName(Sample(app, RealStudio)));
    }

    [Fact]
    public void Synth_PlaceholderStudio_WarnsNamingTheContextKey()
    {
        var stack = Sample(new App(), SessionMappingsStack.PlaceholderStudioId);

        var warnings = Annotations.FromStack(stack).FindWarning("*", Match.StringLikeRegexp("studioId is the placeholder"));

        var warning = Assert.Single(warnings);
        Assert.Contains("-c studioId=", Convert.ToString(warning.Entry.Data, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_RealStudio_DoesNotWarn()
    {
        var stack = Sample(new App(), RealStudio);

        Assert.Empty(Annotations.FromStack(stack).FindWarning("*", Match.AnyValue()));
    }

    internal static SessionMappingsStack Sample(App app, string studioId)
    {
        _ = TestStacks.FakeHandlerDirectory;
        return new SessionMappingsStack(app, "Sample", studioId, new StackProps());
    }

    internal static string? ExportName(Stack stack) =>
        (string?)TestStacks.Json(stack)["Outputs"]!["ServiceToken"]!["Export"]!["Name"];
}
