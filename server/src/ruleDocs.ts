import * as path from 'node:path';

/** A rule's docs page as shipped beside the bundles (dist/ → docs/rules/<id>.md); works offline. */
export function ruleDocsPath(ruleId: string): string {
  return path.join(__dirname, '..', 'docs', 'rules', `${ruleId}.md`);
}
