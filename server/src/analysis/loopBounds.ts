/**
 * Text and name predicates `log-in-loop` uses to decide that a log call in a loop cannot flood:
 * the loop walks a collection sized by configuration, the code runs once (startup, shutdown,
 * registration), the call is on an error path or only for the matching item, or the function's
 * job is one line per item. Pure functions over names and source text, the same for Python and
 * JS/TS; the rule asks them only for a call it is about to report.
 */

/**
 * A condition that samples (`i % 1000 == 0`, `should_log()`, `random() < 0.01`), throttles by time
 * (`next_msg <= time.monotonic()`), or a verbosity or debug flag (`args.verbose`, `self._debug`).
 */
export const SAMPLING = /%|sampl|should_?log|rate_?limit|throttl|random|limiter|every_?n\b|log_every|verbose|debug|isEnabledFor|isLevelEnabled|monotonic|perf_counter|\btime\(\)|\bnow\(\)/i;
/** Retry loops (`for attempt in range(max_attempts)`, `while retries < 3`) are bounded by design. */
export const RETRY = /retr(y|ies)|attempt|(^|[^a-z])tries\b|backoff/i;
/** A `while` loop that sleeps or waits between rounds is a polling loop, rate-limited by time. */
export const PACED = /\b(sleep|delay|setTimeout|wait|wait_for)\s*\(/;
/** Loops of at most this many rounds (`range(3)`, a literal list of names) are small by construction. */
export const MAX_SMALL = 10;

/** Collections sized by configuration, not by traffic (their last word): one line per listening address or plugin is fine. */
const CONFIG_SIZED = new Set([
  'addresses', 'addrs', 'hosts', 'hostnames', 'servers', 'listeners', 'ports', 'interfaces', 'plugins', 'extensions', 'middlewares',
  'middleware', 'steps', 'bootsteps', 'stages', 'phases', 'backends', 'transports', 'sinks', 'exporters', 'providers', 'destinations',
  'routes', 'routers', 'blueprints', 'handlers', 'hooks', 'drivers', 'modules', 'commands', 'subcommands', 'filters', 'weighers',
  'fabrics', 'bridges', 'tables', 'queues', 'topics', 'workers', 'databases', 'apps', 'locales', 'languages', 'regions', 'zones',
  'engines', 'processors', 'exports', 'accessories', 'platforms',
]);
/** A receiver segment that is configuration: `settings.INSTALLED_APPS`, `self.conf.backends`, `options.dontreplicate`. */
const CONFIG_RECEIVER = /^_*(?:conf|config|configs|cfg|configuration|settings|options|opts|env)$/i;
/** A module constant (`SUPPORTED_FORMATS`): its size is fixed in the code. */
const CONSTANT = /^_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^_*[A-Z]{3,}[0-9]*$/;

/**
 * The loop walks a collection whose size is set by configuration or by the code, judged by its
 * dotted name: the last word names a configuration-sized collection (`listen_addresses`,
 * `self.plugins`), a segment before it is a configuration object (`CONF.x.hosts`,
 * `settings.AUTH_BACKENDS`), or it is a module constant (`SUPPORTED_TYPES`).
 */
export function boundedCollection(dotted: string | undefined): boolean {
  if (!dotted) return false;
  const segments = dotted.split('.');
  const last = segments[segments.length - 1];
  if (CONSTANT.test(last) && last !== last.toLowerCase()) return true;
  if (CONFIG_SIZED.has(nameWords(last).pop() ?? '')) return true;
  return segments.slice(0, -1).some((s) => CONFIG_RECEIVER.test(s) || s === 'CONF');
}

/** Words of a name: `listen_addresses` / `listenAddresses` → `listen`, `addresses`. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Words that make a function run once per process or per configuration change: startup, shutdown, registration. */
const ONCE_WORDS = new Set([
  'init', 'initialize', 'initialise', 'setup', 'startup', 'bootstrap', 'register', 'unregister', 'registration', 'restore', 'install',
  'uninstall', 'configure', 'teardown', 'shutdown', 'constructor', 'ready', 'mount', 'unmount',
]);
/** What a `load_*` function loads at startup: `load_config`, `loadSettings`, `load_plugins`. */
const LOADED_AT_START = new Set(['config', 'configuration', 'settings', 'nodes', 'flows', 'types', 'packages', 'definitions']);
/** First words of the same kind that are too common elsewhere to match anywhere in the name. */
const ONCE_FIRST_WORDS = new Set(['start', 'stop', 'close', 'dispose', 'destroy']);
/**
 * A function whose job is output, one line per item: `log_config`, `print_summary`, `dumpState`.
 * Not `list_*` / `describe_*` / `*_usage`: those are lookups (`list_backing_images`, `get_all_volume_usage`).
 */
const OUTPUT_WORDS = new Set(['log', 'print', 'dump', 'show', 'display', 'report', 'summary', 'summarize', 'summarise', 'banner']);

/**
 * Why a function's loops cannot flood, by its name: it runs once (`__init__`, `setup_routes`,
 * `handleRegisterPlatformAccessories`, `shutdown`, `start`) or its job is output, one line per
 * item (`log_summary`, `print_config`).
 */
export function onceOrOutputFunction(name: string | undefined): 'once' | 'output' | undefined {
  if (!name) return undefined;
  const words = nameWords(name);
  if (!words.length) return undefined;
  if (ONCE_FIRST_WORDS.has(words[0]) || words.some((w) => ONCE_WORDS.has(w))) return 'once';
  // `load()`, `load_plugins`, `loadPlatformAccessories`; not `load_rows`.
  if (words[0] === 'load' && (words.length === 1 || CONFIG_SIZED.has(words[words.length - 1]) || LOADED_AT_START.has(words[words.length - 1]))) return 'once';
  if (words.some((w) => OUTPUT_WORDS.has(w))) return 'output';
  return undefined;
}

/**
 * A branch condition that means something went wrong (`if err:`, `if (result.failed)`,
 * `if not ok:`, `if status_code >= 400`); a negated error test (`if not err`, `if (!error)`,
 * `err === null`) is the success path and does not count.
 */
const ERROR_CONDITION = /\b(?:err|errs|error|errors|exc|exception|failed|failure|failures|fails?|invalid|timeout|timed_?out)\b|\bnot\s+(?:ok|success|succeeded|valid)\b|!\s*[\w.]*\b(?:ok|success|succeeded|valid)\b|status(?:_?code|Code)?\s*(?:!==?|>=?)\s*\d/i;
const NEGATED_ERROR = /^\s*(?:not\s+|!\s*)\(?\s*[\w.]*\b(?:err|errs|error|errors|exc|exception|failed|failure)\b|\b(?:err|error)\s*(?:===?\s*(?:null|undefined|None)|is\s+None)\b/i;
export function isErrorCondition(cond: string): boolean {
  return ERROR_CONDITION.test(cond) && !NEGATED_ERROR.test(cond);
}

/** A message that reports a failure (`Failed to remove %s`, `Unable to add resource`, `No initiators found`, `Device %s not defined`). */
const FAILURE_MESSAGE = /\b(?:fail(?:ed|ure|s)?|unable|cannot|can ?not|can'?t|could ?n[o']?t|couldn'?t|errors?|invalid|ignoring|not (?:found|defined|available|supported|present|valid))\b|^\W*no\s/i;
/** A line of a list (` - plugin`, `   QR code: ...`, `* item`, `✓ done`): the output is one line per item by design. */
const LIST_LINE = /^(?:\s+\S|[-*•·✓✔✗✘→>]\s)/u;

/**
 * An audit line: the message starts by naming a state change done to the item (`Deleting volumes
 * %s`, `Detach interface %s successful`, `Allocated mdev %s`, `Automatically confirming
 * migration`). One line per change made is a record someone reads, not noise.
 */
const AUDIT_MESSAGE = /^\W*(?:automatically\s+)?(?:delet|remov|detach|attach|allocat|deallocat|destroy|creat|confirm|revok|cancel|power(?:ing|ed)?\s+(?:off|on)|reboot|restart|migrat|evacuat|terminat|kill|unregister|deregister|purg|revert|rollback|roll(?:ing|ed)?\s+back)\w*\b/i;
/** A progress line: one per batch or page, or a running count (`Indexed ${n} workflows so far`, `Processed %d of %d`). */
const PROGRESS_MESSAGE = /\bso far\b|\bprogress\b|\bbatch(?:es)?\b|\bpage\s+(?:%[sd]|\{|\$\{)|(?:%d|\{\w*\}|\$\{[^}]+\})\s+(?:of|\/)\s+(?:%d|\{\w*\}|\$\{[^}]+\})/i;

/** Why the static text of a message says the call cannot flood: it reports a failure, it is a line of a list, an audit line or a progress line. */
export function failureOrListMessage(text: string): boolean {
  return FAILURE_MESSAGE.test(text) || LIST_LINE.test(text) || AUDIT_MESSAGE.test(text) || PROGRESS_MESSAGE.test(text);
}

/** The text of a string literal without its prefix and opening quote (`f"  - {x}"` → `  - {x}"`). */
export function afterQuote(literal: string): string {
  return literal.replace(/^[rbufRBUF]*(?:"""|'''|["'`])/, '').replace(/^(?:\\[tn])+/, ' ');
}

/** A condition that matches one item: a regex or pattern test (`pattern.match(name)`, `fnmatch(...)`, `re.test(path)`). */
export const MATCH_CALL = /\b(?:match|matches|fullmatch|fnmatch|fnmatchcase|test|is_match|isMatch|matchesRoute)\s*\(/;

/** `not X`, `X is None`, `!X`, `X == null`: a lazily initialised value (the branch that assigns it runs once). */
export function unsetTest(cond: string): string | undefined {
  const c = cond.trim().replace(/^\((.*)\)$/s, '$1').trim();
  const m = /^(?:not\s+|!\s*)([\w.]+)$/.exec(c) ?? /^([\w.]+)\s*(?:is\s+None|===?\s*(?:null|undefined|None))$/.exec(c);
  return m?.[1];
}

/** Whether the text assigns `name` (`name = ...`, `this.x = ...`), not compares it. */
export function assigns(text: string, name: string): boolean {
  return new RegExp(`(?:^|[^\\w.])${name.replace(/\./g, '\\.')}\\s*(?::[^=\\n]*)?=(?!=)`, 'm').test(text);
}

/**
 * The loops the walk is currently inside (listeners run in document order, so the innermost
 * open loop is on top): a call outside every loop is dismissed without walking its ancestors.
 */
export class OpenRanges {
  private readonly ends: number[] = [];
  push(start: number, end: number): void {
    this.close(start);
    this.ends.push(end);
  }
  inside(offset: number): boolean {
    this.close(offset);
    return this.ends.length > 0;
  }
  private close(offset: number): void {
    while (this.ends.length && this.ends[this.ends.length - 1] <= offset) this.ends.pop();
  }
}

