namespace EmrStudio.SessionMappingHandler.Tests.EndToEnd;

/// <summary>What a fuzz campaign found, and how its events ended, to show that it exercised more than one path.</summary>
internal sealed record FuzzReport(IReadOnlyList<string> Breaches, int Succeeded, int Failed, int Unanswerable, int EmrRequests, int Refused);
