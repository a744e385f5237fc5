using Xunit;

namespace EmrStudio.Cdk.Tests.Rules;

/// <summary>
/// The table that the handler's parser, the construct's synth-time validation and EMR's API model are each held to.
/// Every case is judged with the other properties valid, so a refusal can only be about the case's property.
/// </summary>
internal static class AgreementCases
{
    public const string Guid = "1a2b3c4d-1111-2222-3333-444455556666";

    private const string Control = "no control characters, tab, CR and LF included: none belongs in a studio id, a principal or an ARN";
    private const string NotEmpty = "an empty value names nothing (EMR's model allows length 0)";
    private const string StudioShape = "a studio id is what EMR issues: ^es-[0-9A-Z]+$ (EMR's model asks only for text)";
    private const string IdentityIdShape = "an IdentityId is an Identity Store id (EMR's model asks only for text)";
    private const string ArnShape = "a SessionPolicyArn is an IAM policy ARN with a 12-digit account (EMR's model asks only for text)";
    private const string Utf16Length = "the 256 are counted in UTF-16 code units, EMR's model counts characters";

    private const string PolicyPrefix = "arn:aws:iam::123456789012:policy/";

    public static IReadOnlyList<AgreementCase> All { get; } =
    [
        // StudioId
        new("StudioId", "a studio id", "es-0123456789ABCDEFGHIJKLMNO", Ours: true, Emr: true),
        new("StudioId", "shortest", "es-A", Ours: true, Emr: true),
        new("StudioId", "256 characters", "es-" + new string('A', 253), Ours: true, Emr: true),
        new("StudioId", "257 characters", "es-" + new string('A', 254), Ours: false, Emr: false),
        new("StudioId", "empty", string.Empty, Ours: false, Emr: true, NotEmpty),
        new("StudioId", "lower case", "es-abc", Ours: false, Emr: true, StudioShape),
        new("StudioId", "upper-case prefix", "ES-ABC", Ours: false, Emr: true, StudioShape),
        new("StudioId", "prefix alone", "es-", Ours: false, Emr: true, StudioShape),
        new("StudioId", "trailing space", "es-ABC ", Ours: false, Emr: true, StudioShape),
        new("StudioId", "full-width letters", "es-ＡＢＣ", Ours: false, Emr: true, StudioShape),
        new("StudioId", "non-BMP character", "es-ABC\U0001F600", Ours: false, Emr: true, StudioShape),
        new("StudioId", "trailing tab", "es-ABC\t", Ours: false, Emr: true, Control),
        new("StudioId", "trailing LF", "es-ABC\n", Ours: false, Emr: true, Control),
        new("StudioId", "trailing CR", "es-ABC\r", Ours: false, Emr: true, Control),
        new("StudioId", "NUL", "es-ABC\0", Ours: false, Emr: false),
        new("StudioId", "U+FFFE", "es-ABC\uFFFE", Ours: false, Emr: false),
        new("StudioId", "U+FFFF", "es-ABC\uFFFF", Ours: false, Emr: false),
        new("StudioId", "lone high surrogate", "es-ABC\uD800", Ours: false, Emr: false),

        // IdentityType (the construct takes an enum: see PropertyAgreementTests)
        new("IdentityType", "USER", "USER", Ours: true, Emr: true),
        new("IdentityType", "GROUP", "GROUP", Ours: true, Emr: true),
        new("IdentityType", "lower case", "user", Ours: false, Emr: false),
        new("IdentityType", "ROLE", "ROLE", Ours: false, Emr: false),
        new("IdentityType", "empty", string.Empty, Ours: false, Emr: false),
        new("IdentityType", "trailing LF", "USER\n", Ours: false, Emr: false),
        new("IdentityType", "trailing space", "GROUP ", Ours: false, Emr: false),

        // IdentityId
        new("IdentityId", "a GUID", Guid, Ours: true, Emr: true),
        new("IdentityId", "upper-case GUID", "1A2B3C4D-1111-2222-3333-44445555666F", Ours: true, Emr: true),
        new("IdentityId", "store prefix and GUID", "9a67e5e2d3-" + Guid, Ours: true, Emr: true),
        new("IdentityId", "empty", string.Empty, Ours: false, Emr: true, NotEmpty),
        new("IdentityId", "not a GUID", "not-a-guid", Ours: false, Emr: true, IdentityIdShape),
        new("IdentityId", "upper-case store prefix", "9A67E5E2D3-" + Guid, Ours: false, Emr: true, IdentityIdShape),
        new("IdentityId", "GUID in braces", "{" + Guid + "}", Ours: false, Emr: true, IdentityIdShape),
        new("IdentityId", "256 characters", new string('a', 256), Ours: false, Emr: true, IdentityIdShape),
        new("IdentityId", "257 characters", new string('a', 257), Ours: false, Emr: false),
        new("IdentityId", "trailing tab", Guid + "\t", Ours: false, Emr: true, Control),
        new("IdentityId", "trailing LF", Guid + "\n", Ours: false, Emr: true, Control),
        new("IdentityId", "trailing CR", Guid + "\r", Ours: false, Emr: true, Control),
        new("IdentityId", "U+FFFE", Guid + "\uFFFE", Ours: false, Emr: false),
        new("IdentityId", "lone low surrogate", Guid + "\uDC00", Ours: false, Emr: false),

        // IdentityName: any text that obeys the text rule
        new("IdentityName", "a group name", "data-scientists", Ours: true, Emr: true),
        new("IdentityName", "an email address", "lead.analyst@example.com", Ours: true, Emr: true),
        new("IdentityName", "spaces and symbols", " leading space, 100% & <xml>/\"quoted\"", Ours: true, Emr: true),
        new("IdentityName", "Latin letters with accents", "Ärzte-und-Ärztinnen", Ours: true, Emr: true),
        new("IdentityName", "Japanese", "データサイエンティスト", Ours: true, Emr: true),
        new("IdentityName", "emoji sequence", "👩‍🔬 research", Ours: true, Emr: true),
        new("IdentityName", "zero-width space", "zero\u200Bwidth", Ours: true, Emr: true),
        new("IdentityName", "private use", "private\uE000use", Ours: true, Emr: true),
        new("IdentityName", "U+FDD0", "nonchar\uFDD0", Ours: true, Emr: true),
        new("IdentityName", "U+FFFD", "replacement\uFFFD", Ours: true, Emr: true),
        new("IdentityName", "U+1FFFE", "plane-1 nonchar\U0001FFFE", Ours: true, Emr: true),
        new("IdentityName", "256 characters", new string('n', 256), Ours: true, Emr: true),
        new("IdentityName", "257 characters", new string('n', 257), Ours: false, Emr: false),
        new("IdentityName", "128 non-BMP characters", string.Concat(Enumerable.Repeat("\U0001F600", 128)), Ours: true, Emr: true),
        new("IdentityName", "129 non-BMP characters", string.Concat(Enumerable.Repeat("\U0001F600", 129)), Ours: false, Emr: true, Utf16Length),
        new("IdentityName", "empty", string.Empty, Ours: false, Emr: true, NotEmpty),
        new("IdentityName", "tab", "tab\tname", Ours: false, Emr: true, Control),
        new("IdentityName", "LF", "line\nbreak", Ours: false, Emr: true, Control),
        new("IdentityName", "CR", "carriage\rreturn", Ours: false, Emr: true, Control),
        new("IdentityName", "CR LF", "windows\r\n", Ours: false, Emr: true, Control),
        new("IdentityName", "DEL", "del\u007F", Ours: false, Emr: true, Control),
        new("IdentityName", "C1 control", "next\u0085line", Ours: false, Emr: true, Control),
        new("IdentityName", "NUL", "nul\0", Ours: false, Emr: false),
        new("IdentityName", "BEL", "bell\u0007", Ours: false, Emr: false),
        new("IdentityName", "escape sequence", "\u001B[31mred", Ours: false, Emr: false),
        new("IdentityName", "U+FFFE", "nonchar\uFFFE", Ours: false, Emr: false),
        new("IdentityName", "U+FFFF", "nonchar\uFFFF", Ours: false, Emr: false),
        new("IdentityName", "lone high surrogate", "bad\uD800", Ours: false, Emr: false),
        new("IdentityName", "lone low surrogate", "bad\uDC00", Ours: false, Emr: false),
        new("IdentityName", "surrogates reversed", "bad\uDC00\uD800", Ours: false, Emr: false),

        // SessionPolicyArn
        new("SessionPolicyArn", "a policy ARN", PolicyPrefix + "EmrStudioDataScientist", Ours: true, Emr: true),
        new("SessionPolicyArn", "aws-cn partition", "arn:aws-cn:iam::123456789012:policy/p", Ours: true, Emr: true),
        new("SessionPolicyArn", "aws-iso-b partition", "arn:aws-iso-b:iam::123456789012:policy/p", Ours: true, Emr: true),
        new("SessionPolicyArn", "with a path", "arn:aws-us-gov:iam::123456789012:policy/team/emr/Policy_+=,.@-1", Ours: true, Emr: true),
        new("SessionPolicyArn", "256 characters", PolicyPrefix + new string('P', 256 - PolicyPrefix.Length), Ours: true, Emr: true),
        new("SessionPolicyArn", "257 characters", PolicyPrefix + new string('P', 257 - PolicyPrefix.Length), Ours: false, Emr: false),
        new("SessionPolicyArn", "empty", string.Empty, Ours: false, Emr: true, NotEmpty),
        new("SessionPolicyArn", "a role ARN", "arn:aws:iam::123456789012:role/EmrStudio", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "short account", "arn:aws:iam::12345:policy/p", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "AWS managed policy", "arn:aws:iam::aws:policy/AdministratorAccess", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "unknown partition", "arn:partition:iam::123456789012:policy/p", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "space in the name", PolicyPrefix + "Bad Name", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "an S3 ARN", "arn:aws:s3:::bucket", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "a policy name", "EmrStudioDataScientist", Ours: false, Emr: true, ArnShape),
        new("SessionPolicyArn", "trailing LF", PolicyPrefix + "p\n", Ours: false, Emr: true, Control),
        new("SessionPolicyArn", "trailing tab", PolicyPrefix + "p\t", Ours: false, Emr: true, Control),
        new("SessionPolicyArn", "U+FFFF", PolicyPrefix + "p\uFFFF", Ours: false, Emr: false),
    ];

    /// <summary>The labels, as theory data: the values themselves would not survive test-case serialization.</summary>
    public static TheoryData<string> Labels(Func<AgreementCase, bool>? filter = null)
    {
        var data = new TheoryData<string>();
        foreach (var @case in All.Where(filter ?? (_ => true)))
        {
            data.Add(@case.ToString());
        }

        return data;
    }

    public static AgreementCase Find(string label) => All.Single(c => c.ToString() == label);
}
