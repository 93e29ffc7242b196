/** Command-line parsing for `o11y-lint`. Usage errors throw `UsageError` (exit code 2). */
export class UsageError extends Error {}

export type Format = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: Format;
  fix: boolean;
  unsafeFixes: boolean;
  config?: string;
  select?: string[];
  ignore?: string[];
  exitZero: boolean;
  color: boolean;
  /** Worker threads for the code files; undefined: one per core, at most one per 50 files. */
  jobs?: number;
}

export interface RolesArgs { command: 'roles'; paths: string[]; format: 'text' | 'json'; config?: string }

export type Args =
  | CheckArgs
  | RolesArgs
  | { command: 'rules'; format: 'text' | 'json' }
  | { command: 'help' }
  | { command: 'version' };

export const USAGE = `Usage:
  o11y-lint check [paths...] [--format text|json|sarif] [--fix] [--unsafe-fixes]
                  [--config FILE] [--select ids] [--ignore ids] [--exit-zero] [--no-color]
                  [--jobs N]   (threads; default one per core, at most one per 50 files)
  o11y-lint rules [--format text|json]
  o11y-lint roles [paths...] [--format text|json] [--config FILE]   (each file's role and why: docs/roles.md)
  o11y-lint tail [--port N] [--host H] [--file PATH] [--format text|json] [--min-severity S]
  o11y-lint --version | --help

Exit codes: 0 no findings at warning or above, 1 findings, 2 usage or internal error.
`;

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseArgs(argv: readonly string[], isTty: boolean): Args {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version' };
  if (command !== 'check' && command !== 'rules' && command !== 'roles') throw new UsageError(`unknown command '${command}'`);
  const opts: CheckArgs = { command: 'check', paths: [], format: 'text', fix: false, unsafeFixes: false, exitZero: false, color: isTty && !process.env.NO_COLOR };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got '${f}')`);
        if (command !== 'check' && f === 'sarif') throw new UsageError(`${command} supports --format text or json`);
        opts.format = f;
        break;
      }
      case '--fix': opts.fix = true; break;
      case '--unsafe-fixes': opts.unsafeFixes = true; break;
      case '--config': opts.config = value(); break;
      case '--select': opts.select = list(value()); break;
      case '--ignore': opts.ignore = list(value()); break;
      case '--exit-zero': opts.exitZero = true; break;
      case '--no-color': opts.color = false; break;
      case '--jobs': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64 (got '${v}')`);
        opts.jobs = n;
        break;
      }
      case '--help': case '-h': return { command: 'help' };
      default:
        if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option '${flag}'`);
        if (command === 'rules') throw new UsageError(`rules takes no paths (got '${arg}')`);
        opts.paths.push(arg);
    }
  }
  if (command === 'rules') return { command: 'rules', format: opts.format === 'json' ? 'json' : 'text' };
  if (command === 'roles') {
    const extra = rest.find((a) => ['--fix', '--unsafe-fixes', '--select', '--ignore', '--exit-zero', '--jobs'].includes(a.split('=')[0]));
    if (extra) throw new UsageError(`roles does not take ${extra.split('=')[0]}`);
    return { command: 'roles', paths: opts.paths, format: opts.format === 'json' ? 'json' : 'text', config: opts.config };
  }
  return opts;
}
