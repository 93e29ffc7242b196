/**
 * The precision corpus: real open-source code, pinned so two runs see the same bytes.
 *
 * - library code: npm packages installed into a scratch folder, Debian Python packages and the
 *   Python standard library (what the rules were first measured on, docs/precision.md);
 * - application code: whole servers, as users lint them. npm packages come as the registry's
 *   tarball (`npm pack NAME@VERSION`: no install, no scripts), checked against the integrity
 *   pinned here; Debian packages come as the .deb (`apt-get download PKG=VERSION`), checked
 *   against the SHA256 pinned here (apt's own checksum, `apt-cache show PKG=VERSION`), and are
 *   unpacked with `dpkg -x` (no install). Everything is cached under the corpus folder.
 *
 * Every root names the package (`name@version`) and the folder its file paths are relative to:
 * the review ledger keys findings by them (reviews.ts), so a review survives a new cache folder.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type CodeKind = 'library' | 'application';

export interface CorpusRoot {
  /** Shown in tables: the package, or package/part. */
  name: string;
  lang: 'py' | 'js';
  /** The folder analyzed. */
  path: string;
  kind: CodeKind;
  /** `name@version` of the package the code ships in. */
  pkg: string;
  /** File paths in the ledger are relative to this folder (the package's own root). */
  base: string;
}

export interface Corpus {
  /** Folder the CLI runs in; every root is absolute. */
  dir: string;
  roots: CorpusRoot[];
  /** One line per part that could not be set up, saying what is missing. */
  missing: string[];
}

/** Library code, installed with npm (versions pinned; the lockfile npm writes keeps the rest). */
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

export interface NpmTarball { version: string; integrity: string }

/** Application code from npm: servers shipped as one package each (`npm view NAME@VERSION dist.integrity`). */
export const NPM_APPLICATIONS: Record<string, NpmTarball> = {
  ghost: { version: '6.65.0', integrity: 'sha512-D369qivOmfn4YwvBD1DljOGsHnJzBEQhBsiFnBZD+GjWrBpdZQYYNHneiQcKQVJwUom8eHWml1n5FRLQIwVFOg==' },
  // n8n: the server (`n8n`, its packages/cli) and its execution core.
  n8n: { version: '2.41.3', integrity: 'sha512-CoBFPlsSYI2FYtbIjnTMVmwqBZ4QXAQn9Bs6EVPmXnO7Cfh9rdBe58A2PH4Rzv7yBhUmGBZSxlmhISaQXmIQcw==' },
  'n8n-core': { version: '2.41.1', integrity: 'sha512-6IlN6Iyp6xdYlSHVjE8aD3E/073HJ3ZRvS0Hx6Z6FLx5xemdvqndtW/RISQlTPOuPlfZPlF2tjwgc3MkZciRRQ==' },
  // Node-RED: `node-red` itself is a 3-file shell; the server is in these.
  '@node-red/runtime': { version: '5.0.7', integrity: 'sha512-ywVeGsMPHoZ5yb7H8dN7WN5oojf3IrfwiNlyWuT/kBd/39yrTlCtlFerD3c5TzYryuxmOmSGeFxIF19Z2+FSYw==' },
  '@node-red/nodes': { version: '5.0.7', integrity: 'sha512-VBebFd8jBg8E7wga1tqWetTx+Iv9SfnFCc/Ik4/cci6827WIlbrZLVwqmc278IGmZti7rQeu9LCo9CjVzBsrWw==' },
  '@node-red/registry': { version: '5.0.7', integrity: 'sha512-ZBt15TlH/DxurNiJSOKFJgpy0T8fLc3JGizy6xBOgI1rL5ez6WBP+MtaxnC9j6+geKxfZAbA/Fja6ziuTxFeEQ==' },
  '@node-red/editor-api': { version: '5.0.7', integrity: 'sha512-6guxYp7W+1XfQgGxvnhQ2neBweFJtTK/u/DfIUfSZ8I6QWb57iYSS1feqNjJFDC56dIfPzNiUriYpiR7viw4tw==' },
  '@node-red/util': { version: '5.0.7', integrity: 'sha512-cOcZI9GuLsyuJTJAaGNOX92OHs0UXVSriSX2JKcI9DjH5+e1oYSQTfsxg8uHDyFc4juKpdxBNNBx3Y0cDFpbhw==' },
  'parse-server': { version: '9.10.0', integrity: 'sha512-f4IIsWLsh30mOJl6u6SB3GBrj7Zj4f69dKkI0PPZxNeVttlKFBEg/VHc2AQrWKWRvnIlWy22o2UdX4ECPDPCIw==' },
  '@directus/api': { version: '39.2.1', integrity: 'sha512-jPm5H7eJFguE956zkWVbA+p+uKWt10kiZXGDCj1YDcc1SzPhAdHo4klMuPbny8UpGZzdASKQOKmznhP6ysso8Q==' },
  '@strapi/core': { version: '5.54.0', integrity: 'sha512-iPBrqkco5whcVis7+KFQk/M71Cvh2GyKVwjTS6a1Yosu8xmo6QNQKuKsXjpbhO+trDHG/Z1bo6H1VXfvCj9E8Q==' },
  homebridge: { version: '2.4.0', integrity: 'sha512-yAc/jGC04h6LqcZTiO6aubzKmCulWGIdYUx3lj8r/aJQbAL5EZta9aX71LWnko3bChhTaD7sS7LLJ5Hqu4DbVA==' },
  zigbee2mqtt: { version: '2.14.1', integrity: 'sha512-EnAYz5v4ogGRC4bsdilDiFtTWqkiW6aQW38yEA9wI5SQTU2pCTE4jw71auNcnFP2vIDAA9YaBWaJp0A8Gwwvuw==' },
  'signalk-server': { version: '2.32.0', integrity: 'sha512-z9jEkY02zEoFY/MVObQR+HO/WpwOWlmQuL+vkMRlevQTA41gwVjHMfC6YBEF5QAkhTcmVBA0twiNsE0E/72Kqg==' },
  '@actual-app/sync-server': { version: '26.9.0', integrity: 'sha512-q0eNk3XTJx76FCoFUH3GmJKI/LSfTBMP9nsnIwctGtNaT0NWEcZRP3VOVpFdnfPzIngNK7oqZWscBM1qIp+6lw==' },
};

export interface DebianPackage { version: string; sha256: string; kind: CodeKind }

/**
 * Debian bookworm packages (architecture `all`, except aiohttp: amd64), unpacked with `dpkg -x`.
 * The Python code of each is everything under its usr/lib/python3/dist-packages.
 */
export const DEBIAN_PACKAGES: Record<string, DebianPackage> = {
  // library code
  'python3-requests': { kind: 'library', version: '2.28.1+dfsg-1', sha256: 'c75b5c05d8d4a813bd83c3d432ffe65a2ca13e771bc91d4b9787690097598603' },
  'python3-flask': { kind: 'library', version: '2.2.2-3', sha256: '2c8c9a408c2373d8b42f0d3434f17fc1a710bc81e52273b96597b25c57b399d7' },
  'python3-werkzeug': { kind: 'library', version: '2.2.2-3+deb12u1', sha256: '283e2d849e93531581948b0c49ebdd3831c0a5fc22edb7bc08efd3c38ae055b8' },
  'python3-structlog': { kind: 'library', version: '22.3.0-2', sha256: '8c89436836c4c621a754d8a8b754dfc4808a25ec4d6bcec884bedba686a4ed8c' },
  'python3-prometheus-client': { kind: 'library', version: '0.16.0-0.1', sha256: '5cce797776781a193b2745df7ca65b51960f7bcf6783d75cd926950418155a4e' },
  'python3-loguru': { kind: 'library', version: '0.6.0-3', sha256: '609386684bf0997d8b6aecf11e045dda4b33665db38d01d706d954b2b889225a' },
  'python3-celery': { kind: 'library', version: '5.2.6-5', sha256: '511b43f8d3fb8ddda852e87f74eb122cfc958bd0d5ede7b8165b00ef60ebdecc' },
  'python3-kombu': { kind: 'library', version: '5.2.4-1', sha256: '9b947df3833136f11d4c192329071f30863b7f0b9f8bc660c7adf995af09ddbf' },
  'python3-gunicorn': { kind: 'library', version: '20.1.0-6+deb12u1', sha256: '894cb6fc967c57e3769d9821d09637240fd0b55edf17a3b1a158396a5b7ab9a1' },
  'python3-aiohttp': { kind: 'library', version: '3.8.4-1+deb12u2', sha256: '461d94dc4a9f11ee1afc7757ef127cc2b1929111d0cccdcc375b88778bbc4d3d' },
  'python3-django': { kind: 'library', version: '3:3.2.25-0+deb12u7', sha256: '9ad8ed29d9026207970777e194f658c39b3a7a96a932967f043503fc25bdc319' },
  // application code: Python services
  'python3-nova': { kind: 'application', version: '2:26.2.2-1~deb12u5', sha256: '0ac01cf661ee929609f93e55428bf683eb93bcac118799a5e637ac686104f06b' },
  'python3-keystone': { kind: 'application', version: '2:22.0.2-0+deb12u6', sha256: '770e5997d3e89640431d56ee2fd43cb2c09fd5920be9ceba8a002e1f31fbfc0c' },
  'python3-neutron': { kind: 'application', version: '2:21.0.0-7+deb12u1', sha256: '5aee67247c828605ff610ff9499a56e49b000f86edb6ff7687afa4bbbdf1049d' },
  'python3-glance': { kind: 'application', version: '2:25.1.0-2+deb12u5', sha256: 'd0ab349dd23eca8bbb4b008a16c4f5af9f4a3f07fc9e79290de7a26d9fbadaf5' },
  'python3-cinder': { kind: 'application', version: '2:21.3.1-1~deb12u1', sha256: 'e53434253e030cb77415f3e516eaa10835ca61f8e9b23cb59b417b0a7d9f45a6' },
  'python3-heat': { kind: 'application', version: '1:19.0.0-3', sha256: '755dcd97dc8db34988ee7f101a74a6bfc41820fae00c80c49ad1493c1c69e3f0' },
  'python3-ironic': { kind: 'application', version: '1:21.4.4-0+deb12u3', sha256: '12d0ab81b2d1d6c49217f0b125bd4173501cab38d34a7eef356af7c131d4d588' },
  mailman3: { kind: 'application', version: '3.3.8-2~deb12u2', sha256: 'c496e0e124c73bc544f9faefff6caaed2868a5303b59e2e2a1c1a98fce99be69' },
  // `python3-buildbot` is a transitional package; the code is in `buildbot`.
  buildbot: { kind: 'application', version: '3.7.0-2', sha256: '7f19c3a135c51910693acf113f5249bae50aa662b75e204ed2f563b2fb8a5a91' },
  // `radicale` and `searx` hold the service scripts; the code is in the python3- packages.
  'python3-radicale': { kind: 'application', version: '3.1.8-2', sha256: '9cca658379c15240158a801ceb2d69eec300812bb24aa12b837b03641413cfeb' },
  'python3-searx': { kind: 'application', version: '1.1.0+dfsg1-1', sha256: 'dac8cd4f072991f58afce82c9fa6396fc409ba0dde8bfbced5c5d7562bce8d69' },
  glances: { kind: 'application', version: '3.3.1.1+dfsg-1', sha256: '3e76d0c25fa0ae7ed49ae51db2211221c8143b6f947278f24e2d02b8f09bb3f2' },
};

/** Library packages whose dist-packages folder holds more than the library (left out of the roots). */
const DEBIAN_LIBRARY_DIRS: Record<string, string[]> = {
  'python3-requests': ['requests'], 'python3-flask': ['flask'], 'python3-werkzeug': ['werkzeug'],
  'python3-structlog': ['structlog'], 'python3-prometheus-client': ['prometheus_client'], 'python3-loguru': ['loguru'],
  'python3-celery': ['celery'], 'python3-kombu': ['kombu'], 'python3-gunicorn': ['gunicorn'],
  'python3-aiohttp': ['aiohttp'], 'python3-django': ['django'],
};
const DIST_PACKAGES = path.join('usr', 'lib', 'python3', 'dist-packages');
/** Parts of the Python standard library that log, spawn and serve. */
const STDLIB_PARTS = ['logging', 'asyncio', 'http', 'concurrent', 'multiprocessing', 'urllib'];

export function corpusDir(): string {
  return process.env.O11Y_CORPUS_DIR ?? path.join(os.homedir(), '.cache', 'o11y-lint-corpus');
}

/** Downloads what is missing or changed (npm, apt-get download: no root needed) and lists the corpus roots. */
export function prepareCorpus(log: (line: string) => void, kinds: readonly CodeKind[] = ['library', 'application']): Corpus {
  const dir = corpusDir();
  const corpus: Corpus = { dir, roots: [], missing: [] };
  fs.mkdirSync(dir, { recursive: true });
  if (kinds.includes('library')) {
    npmLibraries(dir, corpus, log);
  }
  if (kinds.includes('application')) {
    for (const [name, pin] of Object.entries(NPM_APPLICATIONS)) npmApplication(dir, name, pin, corpus, log);
  }
  for (const [pkg, pin] of Object.entries(DEBIAN_PACKAGES)) {
    if (kinds.includes(pin.kind)) debianPackage(dir, pkg, pin, corpus, log);
  }
  if (kinds.includes('library')) stdlib(corpus);
  return corpus;
}

function npmLibraries(dir: string, corpus: Corpus, log: (line: string) => void): void {
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
  for (const [name, version] of Object.entries(NPM_PACKAGES)) {
    const p = path.join(js, 'node_modules', name);
    if (fs.existsSync(p)) corpus.roots.push({ name, lang: 'js', path: p, kind: 'library', pkg: `${name}@${version}`, base: p });
  }
}

/** `@scope/name` → a folder and file name without a slash. */
function flat(name: string): string {
  return name.replace(/^@/, '').replace(/\//g, '+');
}

function npmApplication(dir: string, name: string, pin: NpmTarball, corpus: Corpus, log: (line: string) => void): void {
  const cache = path.join(dir, 'app', 'npm');
  fs.mkdirSync(cache, { recursive: true });
  const spec = `${name}@${pin.version}`;
  const tarball = path.join(cache, `${flat(name)}-${pin.version}.tgz`);
  const unpacked = path.join(cache, `${flat(name)}@${pin.version}`);
  if (!fs.existsSync(tarball) || integrity(tarball) !== pin.integrity) {
    log(`corpus: npm pack ${spec}`);
    const tmp = fs.mkdtempSync(path.join(cache, '.pack-'));
    try {
      execFileSync('npm', ['pack', spec, '--ignore-scripts', '--loglevel=error', '--pack-destination', tmp], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
      const got = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (!got) throw new Error('no tarball');
      const actual = integrity(path.join(tmp, got));
      if (actual !== pin.integrity) {
        corpus.missing.push(`${spec}: the registry's tarball has integrity ${actual}, not the pinned ${pin.integrity} (not used)`);
        return;
      }
      fs.renameSync(path.join(tmp, got), tarball);
      fs.rmSync(unpacked, { recursive: true, force: true });
    } catch {
      corpus.missing.push(`${spec}: \`npm pack\` failed (is the npm registry reachable?)`);
      return;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (!fs.existsSync(path.join(unpacked, 'package'))) {
    fs.mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', unpacked, '--no-same-owner']);
  }
  const base = path.join(unpacked, 'package');
  corpus.roots.push({ name, lang: 'js', path: base, kind: 'application', pkg: spec, base });
}

/** The `sha512-…` integrity npm records for a tarball. */
function integrity(file: string): string {
  return 'sha512-' + crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}

function debianPackage(dir: string, pkg: string, pin: DebianPackage, corpus: Corpus, log: (line: string) => void): void {
  const cache = path.join(dir, 'app', 'deb');
  fs.mkdirSync(cache, { recursive: true });
  const safeVersion = pin.version.replace(/:/g, '%3a');
  const deb = path.join(cache, `${pkg}_${safeVersion}.deb`);
  const unpacked = path.join(cache, `${pkg}_${safeVersion}`);
  const spec = `${pkg}=${pin.version}`;
  if (!fs.existsSync(deb) || sha256(deb) !== pin.sha256) {
    log(`corpus: apt-get download ${spec}`);
    const tmp = fs.mkdtempSync(path.join(cache, '.download-'));
    try {
      // Run as root, apt warns that the download is not sandboxed: only show its output when it fails.
      execFileSync('apt-get', ['download', '-q', spec], { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] });
      const got = fs.readdirSync(tmp).find((f) => f.endsWith('.deb'));
      if (!got) throw new Error('no .deb');
      const actual = sha256(path.join(tmp, got));
      if (actual !== pin.sha256) {
        corpus.missing.push(`${spec}: the downloaded .deb has SHA256 ${actual}, not the pinned ${pin.sha256} (not used)`);
        return;
      }
      fs.renameSync(path.join(tmp, got), deb);
      fs.rmSync(unpacked, { recursive: true, force: true });
    } catch (error) {
      const said = String((error as { stderr?: Buffer }).stderr ?? '').split('\n').find((l) => l.startsWith('E:')) ?? '';
      corpus.missing.push(`${spec}: \`apt-get download\` failed${said ? ` (${said})` : ''}: run \`apt-get update\` once; a superseded security update may have left the archive`);
      return;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  if (!fs.existsSync(unpacked)) {
    const tmp = unpacked + '.partial';
    fs.rmSync(tmp, { recursive: true, force: true });
    execFileSync('dpkg', ['-x', deb, tmp]);
    fs.renameSync(tmp, unpacked);
  }
  const spkg = `${pkg}@${pin.version}`;
  const site = path.join(unpacked, DIST_PACKAGES);
  if (!fs.existsSync(site)) { corpus.missing.push(`${spkg}: no ${DIST_PACKAGES} in the package`); return; }
  if (pin.kind === 'library') {
    for (const d of DEBIAN_LIBRARY_DIRS[pkg] ?? []) {
      const p = path.join(site, d);
      if (fs.existsSync(p)) corpus.roots.push({ name: `${d} (${pkg})`, lang: 'py', path: p, kind: 'library', pkg: spkg, base: site });
    }
  } else {
    corpus.roots.push({ name: pkg, lang: 'py', path: site, kind: 'application', pkg: spkg, base: site });
  }
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function stdlib(corpus: Corpus): void {
  const version = fs.readdirSync('/usr/lib').filter((d) => /^python3\.\d+$/.test(d)).sort().pop();
  if (!version) { corpus.missing.push('the Python standard library (/usr/lib/python3.X) is not there'); return; }
  const base = path.join('/usr/lib', version);
  for (const part of STDLIB_PARTS) {
    const p = path.join(base, part);
    if (fs.existsSync(p)) corpus.roots.push({ name: `${version}/${part}`, lang: 'py', path: p, kind: 'library', pkg: `${version}-stdlib`, base });
  }
}
