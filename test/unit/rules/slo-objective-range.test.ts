import { ruleTester } from '../../helpers/ruleTester';

const SLOTH = (objective: string) => `version: prometheus/v1\nservice: s\nslos:\n  - name: a\n    objective: ${objective}\n    sli:\n      raw:\n        error_ratio_query: x\n`;
const PYRRA = (target: string) => `apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: a\nspec:\n  target: ${target}\n  window: 4w\n  indicator:\n    bool_gauge:\n      metric: up\n`;
const OPENSLO = (target: string) => `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  service: s\n  objectives:\n    - target: ${target}\n`;

ruleTester('slo-objective-range', {
  valid: [
    { lang: 'yaml', code: SLOTH('99.9') },
    { lang: 'yaml', code: PYRRA('"99.5"') },
    { lang: 'yaml', code: OPENSLO('0.995') },
  ],
  invalid: [
    { lang: 'yaml', name: 'Sloth 100 %', code: SLOTH('100'), errors: [{ range: [5, 16, 5, 19], severity: 'error', message: 'no error budget' }] },
    { lang: 'yaml', name: 'Sloth 0', code: SLOTH('0'), errors: [{ range: [5, 16, 5, 17] }] },
    { lang: 'yaml', name: 'OpenSLO target 1 (a ratio)', code: OPENSLO('1'), errors: [{ range: [8, 15, 8, 16] }] },
    {
      lang: 'yaml', name: 'Pyrra ratio instead of percent: warning with an unsafe fix', code: PYRRA('"0.999"'),
      errors: [{ range: [6, 11, 6, 18], severity: 'warning', message: 'percentage, not a ratio', fixes: ['Change the target to 99.9'], output: PYRRA('"99.9"') }],
    },
    { lang: 'yaml', name: 'Sloth objective written as a ratio', code: SLOTH('0.999'), errors: [{ range: [5, 16, 5, 21], severity: 'warning', output: SLOTH('99.9') }] },
  ],
});
