using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.Migrations;

/// <summary>The raw templates of the migration guides, as a user would write them.</summary>
internal static class MigrationTemplates
{
    /// <summary>
    /// A Custom::EmrStudioSessionMapping through the handler stack's export; <paramref name="adopt"/> null leaves
    /// AdoptExisting out; <paramref name="retain"/> retains it on delete and on replacement, as the guides adopt.
    /// </summary>
    public static CloudFormationTemplate Custom(string logicalId, string studioId, string groupName, string policyArn, string? adopt, bool retain = false) =>
        CloudFormationTemplate.FromYaml($$"""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              {{logicalId}}:
                Type: Custom::EmrStudioSessionMapping
            {{(retain ? "    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain" : string.Empty)}}
                Properties:
                  ServiceToken: !ImportValue EmrStudioSessionMappingServiceToken
                  ServiceTimeout: 300
                  StudioId: {{studioId}}
                  IdentityType: GROUP
                  IdentityName: {{groupName}}
                  SessionPolicyArn: {{policyArn}}
            {{(adopt is null ? string.Empty : $"      AdoptExisting: \"{adopt}\"")}}
            """, $"custom mapping {logicalId}{(adopt is null ? string.Empty : " AdoptExisting " + adopt)}{(retain ? " (Retain)" : string.Empty)}");

    /// <summary>The native resource, optionally retained on delete and on replacement.</summary>
    public static CloudFormationTemplate Native(string studioId, string groupName, string policyArn, bool retain) =>
        CloudFormationTemplate.FromYaml($$"""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              DataScientists:
                Type: AWS::EMR::StudioSessionMapping
            {{(retain ? "    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain" : string.Empty)}}
                Properties:
                  StudioId: {{studioId}}
                  IdentityType: GROUP
                  IdentityName: {{groupName}}
                  SessionPolicyArn: {{policyArn}}
            """, $"native mapping{(retain ? " (Retain)" : string.Empty)}");
}
