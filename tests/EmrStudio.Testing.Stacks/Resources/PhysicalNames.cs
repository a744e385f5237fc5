using System.Security.Cryptography;

namespace EmrStudio.Testing.Stacks.Resources;

/// <summary>The names CloudFormation generates for resources without an explicit one: stack, logical id, random suffix.</summary>
internal static class PhysicalNames
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Generate(string stackName, string logicalId, int maxLength)
    {
        var suffix = new string([.. Enumerable.Range(0, 12).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);
        var prefix = $"{stackName}-{logicalId}";
        var room = maxLength - suffix.Length - 1;
        return $"{(prefix.Length > room ? prefix[..room] : prefix)}-{suffix}";
    }

    /// <summary>An explicit name property if the template sets one, else a generated name.</summary>
    public static string NameOrGenerated(System.Text.Json.Nodes.JsonObject properties, string nameProperty, ResourceRequest request, int maxLength) =>
        properties[nameProperty]?.GetValue<string>() ?? Generate(request.Stack.Name, request.LogicalId, maxLength);
}
