// Runs cdk-nag's AwsSolutions pack on synthesized CloudFormation templates and prints every unacknowledged finding
// as JSON: [{ "template": path, "findings": [{ "rule", "logicalId", "severity" }] }].
//
// The templates carry their suppressions as the cdk_nag resource metadata (rules_to_suppress: id, reason,
// applies_to) that cdk-nag 2 reads. cdk-nag 3 takes acknowledgements through Validations.of() instead, so each entry
// is acknowledged here exactly as cdk-nag 2 would apply it: "<id>[<finding>]" for each applies_to entry, or "<id>"
// for an entry without one. A reason shorter than cdk-nag's minimum of 10 characters fails the run.
//
// Usage: node check-templates.js <template.json>...
'use strict';
const { App, CfnResource, Stack, Validations } = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

function acknowledgeSuppressions(resource) {
  const metadata = resource.cfnOptions.metadata?.cdk_nag;
  for (const rule of metadata?.rules_to_suppress ?? []) {
    if (typeof rule.reason !== 'string' || rule.reason.length < 10) {
      throw new Error(`${resource.node.path}: the suppression of ${rule.id} needs a reason of at least 10 characters.`);
    }
    const findings = rule.applies_to ?? [];
    const ids = findings.length === 0 ? [rule.id] : findings.map((finding) => `${rule.id}[${finding}]`);
    for (const id of ids) {
      Validations.of(resource).acknowledge({ id, reason: rule.reason });
    }
  }
}

function check(templateFile) {
  const app = new App();
  const stack = new Stack(app, 'Checked');
  const included = new CfnInclude(stack, 'Template', { templateFile });
  for (const child of included.node.findAll()) {
    if (CfnResource.isCfnResource(child)) {
      acknowledgeSuppressions(child);
    }
  }

  const result = new AwsSolutionsChecks(app).validateScope(app);
  const prefix = `${included.node.path}/`;
  const findings = result.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      rule: violation.ruleName,
      logicalId: resource.constructPath.startsWith(prefix) ? resource.constructPath.slice(prefix.length) : resource.constructPath,
      severity: violation.severity,
    })));
  return { template: templateFile, findings };
}

process.stdout.write(JSON.stringify(process.argv.slice(2).map(check)));
