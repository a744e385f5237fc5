namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>One page of records and the key to continue after (null after the table's last page).</summary>
internal sealed record RecordPage(IReadOnlyList<MappingRecord> Records, string? ContinueAfter);
