namespace EmrStudio.CodePublisher.Buckets;

/// <summary>What a setting was before (<c>none</c> when unset) and is now; <see cref="Changed"/> when it had to be written.</summary>
internal sealed record SettingResult(string Setting, bool Changed, string Before, string Now);
