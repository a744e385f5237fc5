using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.StackOperations.Tests.Migrations;

/// <summary>The raw templates of the migration guides, as a user would write them.</summary>
internal static class MigrationTemplates
{
    /// <summary>A Custom::EmrStudioSessionMapping through the handler stack's export; <paramref name="adopt"/> null leaves AdoptExisting out.</summary>
    public static CloudFormationTemplate Custom(string logicalId, string studioId, string groupName, string policyArn, string? adopt) =>
        CloudFormationTemplate.FromYaml($$"""
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              {{logicalId}}:
                Type: Custom::EmrStudioSessionMapping
                Properties:
                  ServiceToken: !ImportValue EmrStudioSessionMappingServiceToken
                  ServiceTimeout: 300
                  StudioId: {{studioId}}
                  IdentityType: GROUP
                  IdentityName: {{groupName}}
                  SessionPolicyArn: {{policyArn}}
            {{(adopt is null ? string.Empty : $"      AdoptExisting: \"{adopt}\"")}}
            """, $"custom mapping {logicalId}{(adopt is null ? string.Empty : " AdoptExisting " + adopt)}");

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
