using EmrStudio.Testing;
using EmrStudio.Testing.Stacks.Templates;

namespace EmrStudio.Cdk.Tests.Templates;

/// <summary>The repository's raw CloudFormation templates, as CloudFormation reads them (decoded once per test process).</summary>
internal static class RepositoryTemplates
{
    public static CloudFormationTemplate TemplateYaml => CloudFormationTemplate.FromFile(RepositoryRoot.File("template.yaml"));

    /// <summary>template.yaml as build/generate-stackset-template.py writes it for a StackSet.</summary>
    public static CloudFormationTemplate StackSetYaml => CloudFormationTemplate.FromFile(RepositoryRoot.File("template.stackset.yaml"));

    public static CloudFormationTemplate Example(string fileName) => CloudFormationTemplate.FromFile(RepositoryRoot.File("examples/" + fileName));

    /// <summary>template.yaml's default name for the ServiceToken export.</summary>
    public static string DefaultServiceTokenExport => TemplateYaml.Section("Parameters")["ServiceTokenExportName"]!["Default"]!.GetValue<string>();
}
