/**
 * Who may send to the receiver. It listens on loopback, but a web page can still reach it: DNS rebinding points
 * a name the page controls at 127.0.0.1, and the browser then sends that name as `Host`. So `Host` (and `Origin`,
 * when a browser adds one) must name this machine: a loopback name, or the host the receiver was configured
 * with. Everything else gets 403. A client that sends no `Host` (HTTP/1.0) is no browser and is let through.
 */
import * as os from 'node:os';

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

/** `Host` header value → lower-case host name or address without port and brackets; undefined when malformed. */
export function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    if (close < 0 || !/^(?::\d*)?$/.test(h.slice(close + 1))) return undefined;
    return h.slice(1, close);
  }
  const m = /^([^:\s]+)(?::\d*)?$/.exec(h);
  return m ? m[1].replace(/\.$/, '') : undefined;
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback, `localhost` and names under `.localhost` (RFC 6761). */
export function isLoopback(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (/^(::ffff:)?127(\.\d{1,3}){3}$/.test(name)) return true;
  // ::1 in any spelling: zeros and colons, then the one 1.
  if (!name.includes(':') || !/^[0:]*1$/.test(name)) return false;
  const parts = name.split('::');
  if (parts.length > 2) return false;
  const groups = parts.flatMap((p) => (p === '' ? [] : p.split(':')));
  return groups.every((g) => g.length >= 1 && g.length <= 4) && (parts.length === 2 ? groups.length <= 7 : groups.length === 8);
}

/** The names this machine answers to when the receiver listens on all interfaces. */
function ownNames(): Set<string> {
  const names = new Set<string>();
  const host = os.hostname().toLowerCase();
  names.add(host);
  names.add(`${host}.local`);
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) names.add(i.address.toLowerCase().replace(/%.*$/, ''));
  }
  return names;
}

function allowedName(name: string, configured: string): boolean {
  if (isLoopback(name)) return true;
  const own = configured.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === own) return true;
  return WILDCARDS.has(own) && ownNames().has(name);
}

/** True when a request with these headers may be served by a receiver configured with `configuredHost`. */
export function requestAllowed(host: string | undefined, origin: string | undefined, configuredHost: string): boolean {
  if (host !== undefined) {
    const name = hostName(host);
    if (name === undefined || !allowedName(name, configuredHost)) return false;
  }
  if (origin === undefined) return true;
  // `null` is what sandboxed frames and file: pages send: never this machine's own page.
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const name = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name !== '' && allowedName(name, configuredHost);
}
