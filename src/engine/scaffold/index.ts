/**
 * The scaffolder: a design becomes a handler (TypeScript or Python, Powertools for AWS Lambda), its
 * unit test, sample events and IaC (SAM, CDK or Terraform) that sets exactly what the design says.
 * Pure and deterministic: no fs, no clock, no randomness; same input → byte-identical files.
 */
import type { Design } from '../design.ts';
import { cdkFiles } from './cdk.ts';
import { sampleEvents } from './events.ts';
import { tsFiles } from './handler-ts.ts';
import { pyFiles } from './handler-py.ts';
import { durableFiles } from './handler-durable.ts';
import { checkScaffoldPath } from './paths.ts';
import { makePlan } from './plan.ts';
import { gitignore, packageJson, readme, tsconfig } from './project.ts';
import { samTemplate } from './sam.ts';
import { terraformFiles } from './terraform.ts';
import type { ScaffoldFile, ScaffoldOptions } from './types.ts';

export { checkScaffoldPath } from './paths.ts';
export { ScaffoldError, type ScaffoldFile, type ScaffoldOptions, type ScaffoldRole, type IacDialect, type HandlerLanguage } from './types.ts';

/** Generate the project files for a design. Throws ScaffoldError (naming the field) for a design that cannot be deployed. */
export function scaffold(design: Design, options: ScaffoldOptions): ScaffoldFile[] {
  const plan = makePlan(design, options);
  const files: ScaffoldFile[] = [];
  if (plan.compute === 'durable-functions') files.push(...durableFiles(plan));
  else files.push(...(options.language === 'typescript' ? tsFiles(plan) : pyFiles(plan)));
  for (const e of sampleEvents(plan)) files.push({ path: `events/${e.name}`, contents: `${JSON.stringify(e.event, null, 2)}\n`, role: 'event' });
  if (options.iac === 'sam') files.push({ path: 'template.yaml', contents: samTemplate(plan), role: 'iac' });
  if (options.iac === 'cdk') files.push(...cdkFiles(plan));
  if (options.iac === 'terraform') files.push(...terraformFiles(plan));
  if (options.language === 'typescript' || options.iac === 'cdk') files.push(packageJson(plan), tsconfig(plan));
  files.push(gitignore());
  files.push(readme(plan, [...files.map((f) => f.path), 'README.md'].sort()));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of files) {
    const problem = checkScaffoldPath(f.path);
    if (problem !== null) throw new Error(`internal error: generated ${problem}`);
  }
  return files;
}
