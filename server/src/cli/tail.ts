/** `o11y-lint tail`: the panel's receiver and file tail, printing to the terminal. Runs until SIGINT/SIGTERM. */
import { formatJson, formatText } from '../logs/format';
import type { LogRecord } from '../logs/model';
import { severityFromText } from '../logs/model';
import { OtlpReceiver } from '../logs/receiver';
import { FileTail } from '../logs/tail';

export const TAIL_USAGE = `Usage:
  o11y-lint tail [--port N] [--host H] [--file PATH] [--format text|json] [--min-severity S] [--no-color]

Listens for OTLP/HTTP logs (protobuf or JSON) on 127.0.0.1:4318 and prints each record. With --file it
follows that file instead (OTLP-JSON lines or structured JSON lines); add --port to do both.
Severity: trace, debug, info, warn, error, fatal, or a number 1-24.
`;

interface TailArgs {
  port?: number;
  host?: string;
  file?: string;
  format: 'text' | 'json';
  minSeverity: number;
  color: boolean;
}

/** Where output goes and what stops the command; tests pass their own. */
export interface TailIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  /** Resolves the command with exit code 0 when aborted (default: SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

class TailUsageError extends Error {}

function parse(argv: readonly string[], isTty: boolean): TailArgs | 'help' {
  const args: TailArgs = { format: 'text', minSeverity: 0, color: isTty && !process.env.NO_COLOR };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new TailUsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help': case '-h': return 'help';
      case '--port': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new TailUsageError('--port must be a number from 0 to 65535');
        args.port = n;
        break;
      }
      case '--host': args.host = value(); break;
      case '--file': args.file = value(); break;
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json') throw new TailUsageError(`--format must be text or json (got '${f}')`);
        args.format = f;
        break;
      }
      case '--min-severity': {
        const s = value();
        const n = /^\d+$/.test(s) ? Number(s) : severityFromText(s);
        if (!(n >= 1 && n <= 24)) throw new TailUsageError(`--min-severity: unknown severity '${s}'`);
        args.minSeverity = n;
        break;
      }
      case '--no-color': args.color = false; break;
      case '--color': args.color = true; break;
      default: throw new TailUsageError(`tail: unknown option '${argv[i]}'`);
    }
  }
  return args;
}

function stopSignal(io: TailIo): Promise<void> {
  if (io.signal) {
    const signal = io.signal;
    return signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * Runs `o11y-lint tail <argv>` and resolves with the exit code: 0 after a clean stop, 2 on a usage error
 * or when the port cannot be bound (the message says why).
 */
export async function tail(argv: string[], io: TailIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args: TailArgs | 'help';
  try {
    args = parse(argv, !!io.stdout.isTTY);
  } catch (e) {
    if (!(e instanceof TailUsageError)) throw e;
    io.stderr.write(`o11y-lint: ${e.message}\n\n${TAIL_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(TAIL_USAGE);
    return 0;
  }
  const a = args;
  const print = (records: LogRecord[]) => {
    let chunk = '';
    for (const r of records) {
      if (r.severityNumber < a.minSeverity) continue;
      chunk += (a.format === 'json' ? formatJson(r) : formatText(r, a.color)) + '\n';
    }
    if (chunk) io.stdout.write(chunk);
  };
  const stopped = stopSignal(io);
  let receiver: OtlpReceiver | undefined;
  let fileTail: FileTail | undefined;
  try {
    if (a.file === undefined || a.port !== undefined) {
      receiver = new OtlpReceiver({ host: a.host, port: a.port ?? 4318, onRecords: print });
      const started = await receiver.start();
      if (!started.ok) {
        io.stderr.write(`o11y-lint: ${started.error.message}. Use --port to pick another port (0 = any free port), or --file to tail a file.\n`);
        return 2;
      }
      io.stderr.write(`o11y-lint: listening for OTLP/HTTP on http://${started.host}:${started.port} (POST /v1/logs, /v1/traces)\n`);
    }
    if (a.file !== undefined) {
      fileTail = new FileTail(a.file, { onRecords: print, onEvent: (e) => io.stderr.write(`o11y-lint: ${e.message}\n`) });
      await fileTail.start();
      io.stderr.write(`o11y-lint: following ${a.file}\n`);
    }
    await stopped;
    return 0;
  } finally {
    fileTail?.stop();
    await receiver?.close();
  }
}
