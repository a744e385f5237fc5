using System.Text.Json.Nodes;

namespace EmrStudio.Testing.Stacks.Iam;

/// <summary>A policy document, parsed: its name (for messages) and its statements.</summary>
public sealed class IamPolicy
{
    private IamPolicy(string name, IReadOnlyList<IamStatement> statements)
    {
        Name = name;
        Statements = statements;
    }

    public string Name { get; }

    public IReadOnlyList<IamStatement> Statements { get; }

    /// <summary>Parses a document whose intrinsic functions are already resolved (Statement: one object or a list).</summary>
    public static IamPolicy Parse(string name, JsonNode? document)
    {
        if (document is not JsonObject root)
        {
            throw new NotSupportedException($"Policy {name}: the document is not a JSON object: {document?.ToJsonString()}.");
        }

        var statements = root["Statement"] switch
        {
            JsonArray array => array.Select(item => IamStatement.Parse(item as JsonObject ?? throw new NotSupportedException($"Policy {name}: a statement is not an object."), name)).ToList(),
            JsonObject single => [IamStatement.Parse(single, name)],
            var other => throw new NotSupportedException($"Policy {name}: Statement is {other?.ToJsonString() ?? "missing"}."),
        };
        return new IamPolicy(name, statements);
    }
}
