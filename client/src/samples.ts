/** Sample files the walkthrough opens (shipped in media/walkthrough/). No editor imports: unit-tested. */

export interface Sample {
  /** Path segments under the extension's folder. */
  path: readonly string[];
  languageId: 'python' | 'typescript';
}

export const SAMPLES: Record<Sample['languageId'], Sample> = {
  python: { path: ['media', 'walkthrough', 'sample_orders.py'], languageId: 'python' },
  typescript: { path: ['media', 'walkthrough', 'sample-login.ts'], languageId: 'typescript' },
};

/** The sample for a command argument (`"typescript"`), Python for anything else. */
export function sampleFor(language: unknown): Sample {
  return language === 'typescript' ? SAMPLES.typescript : SAMPLES.python;
}
