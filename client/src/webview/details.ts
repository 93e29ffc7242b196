/** The details pane of one record, and the "group similar" list. Text only, built with DOM nodes. */
import type { LogRecord, SpanSummary } from '../../../server/src/logs/model';
import { clock, el } from './dom';
import { severityClass, shownText, viewOf, type Group } from './view';

export interface DetailsHandlers {
  openCode(path: string, line?: number, column?: number): void;
  findCode(event: string, body: string): void;
  filterTrace(traceId: string): void;
  revealOne(r: LogRecord): void;
}

function table(rows: [string, string][]): HTMLTableElement {
  const t = el('table');
  for (const [k, v] of rows) {
    const tr = el('tr');
    tr.append(el('td', '', k), el('td', '', v));
    t.append(tr);
  }
  return t;
}

/** Fills the pane for `r`; `reveal` is the global toggle or this record's own reveal. */
export function renderDetails(pane: HTMLElement, r: LogRecord, reveal: boolean, span: SpanSummary | undefined, on: DetailsHandlers): void {
  const v = viewOf(r, reveal);
  const pii = viewOf(r, false).pii;
  pane.replaceChildren();
  pane.hidden = false;
  const head = el('div');
  head.append(el('span', severityClass(r.severityNumber), `${r.severityText || '-'} `), el('span', '', `${new Date(r.timeMs).toISOString()} (${clock(r.timeMs)})`));
  pane.append(head);
  if (pii.length) {
    const warn = el('div', 'pii', `Looks like PII (${pii.join(', ')}): a sensitive-data-in-log finding here is real. `);
    if (!reveal) {
      const b = el('button', '', 'Reveal');
      b.id = 'revealOne';
      b.addEventListener('click', () => on.revealOne(r));
      warn.append(b);
    }
    pane.append(warn);
  }
  if (r.code) {
    const c = r.code;
    const link = el('span', 'code-link', `${c.filepath}${c.lineno !== undefined ? `:${c.lineno}` : ''}${c.function ? ` (${c.function})` : ''}`);
    link.title = 'Open the line that wrote this record';
    link.addEventListener('click', () => on.openCode(c.filepath, c.lineno, c.column));
    pane.append(el('h4', '', 'Code'), link);
  } else {
    const find = el('span', 'code-link', 'Find the log call in this workspace');
    find.id = 'findCode';
    find.title = 'Match this record\'s event name or message against the log calls o11y-lint found in the code';
    find.addEventListener('click', () => on.findCode(r.eventName, r.body));
    pane.append(el('h4', '', 'Code'), find);
  }
  pane.append(el('h4', '', `Body (${r.bodyKind})`), el('pre', 'body', v.body));
  if (r.eventName) pane.append(el('h4', '', 'Event'), el('div', '', v.eventName));
  if (r.service) pane.append(el('h4', '', 'Service'), el('div', '', v.service));
  pane.append(el('h4', '', 'Attributes'), table(v.attributes), el('h4', '', 'Resource'), table(v.resource));
  pane.append(el('h4', '', 'Scope'), el('div', '', `${v.scope.name}${v.scope.version ? ` ${v.scope.version}` : ''}`));
  if (r.traceId) {
    const t = el('span', 'trace-link', r.traceId);
    t.addEventListener('click', () => on.filterTrace(r.traceId));
    pane.append(el('h4', '', 'Trace'), t, el('div', '', `span ${r.spanId || '-'}`));
    if (span) {
      const status = ['unset', 'ok', 'error'][span.statusCode] ?? span.statusCode;
      pane.append(el('div', span.statusCode === 2 ? 'sev-error' : '', `${shownText(span.name, reveal)} — ${status}${span.statusMessage ? `: ${shownText(span.statusMessage, reveal)}` : ''}`));
    }
  }
  pane.append(el('h4', '', 'Times'), table([['time', r.timeUnixNano], ['observed', r.observedTimeUnixNano], ['source', r.source]]));
}

/** The grouped view: one row per template with its count; clicking one filters to it. */
export function renderGroups(container: HTMLElement, groups: Group[], reveal: boolean, pick: (template: string) => void): void {
  container.replaceChildren();
  for (const g of groups.slice(0, 2000)) {
    const row = el('div', 'row group');
    const services = g.services.map((s) => shownText(s, reveal)).join(', ');
    row.append(el('span', 'c-count', String(g.count)), el('span', `c-sev ${severityClass(g.maxSeverity)}`, g.last.severityText || '-'), el('span', 'c-svc', services), el('span', 'c-body', shownText(g.template, reveal)));
    row.addEventListener('click', () => pick(g.template));
    container.append(row);
  }
}
