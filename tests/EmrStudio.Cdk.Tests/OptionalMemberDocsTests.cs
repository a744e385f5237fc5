using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;

namespace EmrStudio.Cdk.Tests;

/// <summary>Every optional member of the construct's props says, in its XML documentation, what leaving it out means.</summary>
public sealed class OptionalMemberDocsTests
{
    public static TheoryData<string> OptionalMembers() => [.. OptionalMemberNames()];

    [Theory]
    [MemberData(nameof(OptionalMembers))]
    public void Summary_OptionalMember_StatesItsDefault(string member)
    {
        var documentation = XDocument.Load(Path.ChangeExtension(typeof(StudioSessionMapping).Assembly.Location, ".xml"));

        var summary = documentation.Descendants("member").Single(m => (string?)m.Attribute("name") == "P:" + member).Element("summary");

        Assert.NotNull(summary);
        Assert.Contains("default", string.Concat(summary.DescendantNodes().OfType<XText>().Select(t => t.Value)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OptionalMembers_OfBothTypes_AreFound()
    {
        var members = OptionalMemberNames();

        Assert.Contains($"{typeof(StudioSessionMappingProps).FullName}.{nameof(StudioSessionMappingProps.RemovalPolicy)}", members);
        Assert.DoesNotContain($"{typeof(StudioSessionMappingProps).FullName}.{nameof(StudioSessionMappingProps.StudioId)}", members);
        Assert.Contains($"{typeof(StudioSessionMappingHandlerOptions).FullName}.{nameof(StudioSessionMappingHandlerOptions.SecurityGroups)}", members);
    }

    /// <summary>The public properties of the props types that are not <c>required</c>.</summary>
    private static List<string> OptionalMemberNames() =>
    [
        .. ((Type[])
            [
                typeof(StudioSessionMappingProps), typeof(StudioSessionMappingHandlerOptions), typeof(StudioSessionMappingStackSetProps),
                typeof(StackSetAutoDeployment), typeof(StackSetOperationPreferences), typeof(StackStatusReaderRoleProps),
            ])
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetCustomAttribute<RequiredMemberAttribute>() is null)
                .Select(property => $"{type.FullName}.{property.Name}")),
    ];
}
