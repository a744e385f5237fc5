using System.Text;

namespace EmrStudio.Scale;

/// <summary>
/// What a scenario measured, as one Markdown table under a title and the conditions it ran in, and the correctness
/// checks it failed (a mapping missing, a timeout, a record skipped twice in a row): those, never a timing, fail the
/// command.
/// </summary>
internal sealed class ScaleReport(string title, IReadOnlyList<string> columns)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _failures = [];

    public string Title { get; } = title;

    public IReadOnlyList<string> Failures => _failures;

    public void Note(string line) => _notes.Add(line);

    public void Row(params string[] cells)
    {
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"A row of {cells.Length} cells under {columns.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Records a broken guarantee; <paramref name="holds"/> false fails the command.</summary>
    public void Check(bool holds, string failure)
    {
        if (!holds)
        {
            _failures.Add(failure);
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(Title).AppendLine();
        foreach (var note in _notes)
        {
            text.AppendLine(note);
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
        }

        text.Append(EmrStudio.Benchmarks.MarkdownTable.Format([[.. columns], .. _rows]));
        return text.ToString();
    }
}
