import type { Node as YNode } from 'yaml';
import { format, type Rule } from '../analysis/rule';
import { parseDuration } from '../yaml/duration';
import { get, mapsIn, rangeOf, str } from '../yaml/model';
import { EVERY_ROLE } from '../analysis/project/roles';

const GROUP_KEYS = ['interval', 'query_offset'];
const RULE_KEYS = ['for', 'keep_firing_for'];

export const invalidDuration: Rule = {
  id: 'invalid-duration',
  defaultSeverity: 'error',
  docs: { summary: '`for`, `keep_firing_for`, `interval` or `query_offset` is not a Prometheus duration (`30s`, `5m`, `1h30m`), so Prometheus rejects the file.' },
  messages: {
    invalid: '`{key}: {value}` is not a Prometheus duration (use units ms, s, m, h, d, w, y, largest first, e.g. `5m` or `1h30m`); Prometheus will reject this file.',
  },
  hasFix: false,
  roles: EVERY_ROLE,
  yaml(ctx) {
    const check = (map: unknown, keys: string[]) => {
      for (const key of keys) {
        const node = get(map, key) as YNode | undefined;
        const value = str(node);
        if (node && (value === undefined || parseDuration(value) === undefined)) {
          ctx.report({ ...rangeOf(node), message: format(invalidDuration.messages.invalid, { key, value: value ?? String(node) }) });
        }
      }
    };
    for (const doc of ctx.file.docs) {
      if (doc.kind !== 'prometheus-rules') continue;
      for (const group of mapsIn(get(doc.root, 'groups'))) {
        check(group, GROUP_KEYS);
        for (const rule of mapsIn(get(group, 'rules'))) check(rule, RULE_KEYS);
      }
    }
  },
};
