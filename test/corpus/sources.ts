/**
 * The precision corpus: real open-source code the corpus run installs into a scratch folder
 * (npm packages) or reads where Debian puts it (Python packages, installed with apt-get when
 * running as root). Versions are pinned so two runs see the same code.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const NPM_PACKAGES: Record<string, string> = {
  express: '5.3.0',
  fastify: '5.12.8',
  pino: '10.4.0',
  winston: '3.19.0',
  bunyan: '2.0.5',
  'prom-client': '15.1.3',
  koa: '3.3.0',
  '@opentelemetry/sdk-node': '0.223.0',
  '@opentelemetry/api': '1.9.1',
  '@opentelemetry/sdk-trace-base': '2.12.1',
  '@opentelemetry/sdk-metrics': '2.12.1',
  '@opentelemetry/instrumentation-http': '0.223.0',
  // Instrumentations start and end spans and record metrics all day: the tracing rules' corpus.
  '@opentelemetry/instrumentation-express': '0.72.0',
  '@opentelemetry/instrumentation-pg': '0.77.0',
  '@opentelemetry/instrumentation-ioredis': '0.72.0',
  '@opentelemetry/instrumentation-aws-sdk': '0.79.0',
  'pino-http': '11.0.0',
};

/** Debian package → the folders of /usr/lib/python3/dist-packages it provides. */
export const DEBIAN_PACKAGES: Record<string, string[]> = {
  'python3-requests': ['requests'],
  'python3-flask': ['flask'],
  'python3-werkzeug': ['werkzeug'],
  'python3-structlog': ['structlog'],
  'python3-prometheus-client': ['prometheus_client'],
  'python3-loguru': ['loguru'],
  'python3-celery': ['celery'],
  'python3-kombu': ['kombu'],
  'python3-gunicorn': ['gunicorn'],
  'python3-aiohttp': ['aiohttp'],
  'python3-django': ['django'],
};
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
/** Parts of the Python standard library that log, spawn and serve. */
const STDLIB_PARTS = ['logging', 'asyncio', 'http', 'concurrent', 'multiprocessing', 'urllib'];

export interface Corpus {
  /** Folder the CLI runs in; every root is relative to it or absolute. */
  dir: string;
  roots: { name: string; lang: 'py' | 'js'; path: string }[];
  /** One line per part that could not be set up, saying what is missing. */
  missing: string[];
}

export function corpusDir(): string {
  return process.env.O11Y_CORPUS_DIR ?? path.join(os.homedir(), '.cache', 'o11y-lint-corpus');
}

/** Installs what is missing (npm always; apt-get only as root) and lists the corpus roots. */
export function prepareCorpus(log: (line: string) => void): Corpus {
  const dir = corpusDir();
  const corpus: Corpus = { dir, roots: [], missing: [] };
  const js = path.join(dir, 'js');
  fs.mkdirSync(js, { recursive: true });
  const wanted = Object.entries(NPM_PACKAGES).map(([name, version]) => `${name}@${version}`);
  const stamp = path.join(js, '.installed');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== wanted.join('\n')) {
    log(`corpus: npm install ${wanted.length} packages into ${js}`);
    fs.writeFileSync(path.join(js, 'package.json'), '{ "name": "o11y-lint-corpus", "private": true }\n');
    try {
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...wanted], { cwd: js, stdio: ['ignore', 'ignore', 'inherit'] });
      fs.writeFileSync(stamp, wanted.join('\n'));
    } catch {
      corpus.missing.push('npm packages: `npm install` failed in ' + js + ' (is the npm registry reachable?)');
    }
  }
  for (const name of Object.keys(NPM_PACKAGES)) {
    const p = path.join(js, 'node_modules', name);
    if (fs.existsSync(p)) corpus.roots.push({ name, lang: 'js', path: p });
  }

  const absent = Object.entries(DEBIAN_PACKAGES).filter(([, dirs]) => !dirs.every((d) => fs.existsSync(path.join(DIST_PACKAGES, d)))).map(([pkg]) => pkg);
  if (absent.length && process.getuid?.() === 0) {
    log(`corpus: apt-get install ${absent.join(' ')}`);
    try {
      execFileSync('apt-get', ['install', '-y', '-q', ...absent], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      corpus.missing.push(`Debian packages: apt-get install ${absent.join(' ')} failed`);
    }
  } else if (absent.length) {
    corpus.missing.push(`Debian packages not installed (run as root to install them): ${absent.join(' ')}`);
  }
  for (const [pkg, dirs] of Object.entries(DEBIAN_PACKAGES)) {
    for (const d of dirs) {
      const p = path.join(DIST_PACKAGES, d);
      if (fs.existsSync(p)) corpus.roots.push({ name: `${d} (${pkg})`, lang: 'py', path: p });
    }
  }
  const stdlib = fs.readdirSync('/usr/lib').filter((d) => /^python3\.\d+$/.test(d)).sort().pop();
  if (stdlib) {
    for (const part of STDLIB_PARTS) {
      const p = path.join('/usr/lib', stdlib, part);
      if (fs.existsSync(p)) corpus.roots.push({ name: `${stdlib}/${part}`, lang: 'py', path: p });
    }
  } else corpus.missing.push('the Python standard library (/usr/lib/python3.X) is not there');
  return corpus;
}
