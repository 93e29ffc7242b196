/** The logs panel page: state, filters and wiring. Bundled to dist/webview.js (browser, IIFE). */
import type { LogRecord, SpanSummary } from '../../../server/src/logs/model';
import type { FromWebview, PanelStatus, PostedRecord, ToWebview } from '../logs/protocol';
import { renderDetails, renderGroups } from './details';
import { byId } from './dom';
import { VirtualTable } from './table';
import { compileFilter, EMPTY_FILTER, exportLine, groupRecords, shownText, type Filter } from './view';

interface VsCodeApi {
  postMessage(m: FromWebview): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  filter: Filter;
  follow: boolean;
  group: boolean;
}

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as Partial<SavedState>;

const state = {
  all: [] as LogRecord[],
  visible: [] as LogRecord[],
  maxRecords: 10_000,
  dropped: 0,
  paused: false,
  heldWhilePaused: [] as LogRecord[],
  follow: saved.follow ?? true,
  group: saved.group ?? false,
  reveal: false,
  revealed: new WeakSet<LogRecord>(),
  filter: { ...EMPTY_FILTER, ...saved.filter },
  selected: undefined as LogRecord | undefined,
  spans: new Map<string, SpanSummary>(),
  services: new Set<string>(),
  status: { text: '', level: 'ok' } as PanelStatus,
};

const ui = {
  minSeverity: byId<HTMLSelectElement>('minSeverity'),
  service: byId<HTMLSelectElement>('service'),
  text: byId<HTMLInputElement>('text'),
  traceId: byId<HTMLInputElement>('traceId'),
  pause: byId<HTMLButtonElement>('pause'),
  follow: byId<HTMLInputElement>('follow'),
  group: byId<HTMLInputElement>('group'),
  reveal: byId<HTMLInputElement>('reveal'),
  template: byId('template'),
  status: byId('status'),
  viewport: byId('viewport'),
  groups: byId('groups'),
  details: byId('details'),
};

const table = new VirtualTable(ui.viewport, byId('spacer'), byId('rows'), {
  select: (r) => select(r),
  filterTrace: (t) => setFilter({ traceId: t }),
  atBottom: (yes) => {
    state.follow = yes;
    ui.follow.checked = yes;
  },
});

let predicate = compileFilter(state.filter, state.reveal);

function persist(): void {
  vscode.setState({ filter: state.filter, follow: state.follow, group: state.group } satisfies SavedState);
}

function setFilter(change: Partial<Filter>): void {
  state.filter = { ...state.filter, ...change };
  syncControls();
  refilter();
  persist();
}

function syncControls(): void {
  ui.minSeverity.value = String(state.filter.minSeverity);
  ui.service.value = state.filter.service;
  ui.text.value = state.filter.text;
  ui.traceId.value = state.filter.traceId;
  ui.follow.checked = state.follow;
  ui.group.checked = state.group;
  ui.template.hidden = !state.filter.template;
  ui.template.textContent = state.filter.template ? `group: ${shownText(state.filter.template, state.reveal).slice(0, 60)} ✕` : '';
}

/** Full recompute: on filter changes only; new records are filtered incrementally in `append`. */
function refilter(): void {
  predicate = compileFilter(state.filter, state.reveal);
  state.visible = state.all.filter(predicate);
  render();
}

let frame = 0;
function render(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    ui.viewport.hidden = state.group;
    ui.groups.hidden = !state.group;
    if (state.group) renderGroups(ui.groups, groupRecords(state.visible), state.reveal, (t) => {
      state.group = false;
      setFilter({ template: t });
    });
    else {
      table.setItems(state.visible, state.reveal);
      if (state.follow) table.scrollToBottom();
    }
    const held = state.heldWhilePaused.length;
    ui.pause.textContent = state.paused ? `Resume${held ? ` (${held} new)` : ''}` : 'Pause';
    const dropped = state.dropped ? ` · ${state.dropped} dropped` : '';
    ui.status.textContent = `${state.visible.length} of ${state.all.length}${dropped}${state.status.text ? ` · ${state.status.text}` : ''}`;
    ui.status.className = state.status.level;
  });
}

function addServices(records: readonly LogRecord[]): void {
  for (const r of records) {
    if (!r.service || state.services.has(r.service)) continue;
    state.services.add(r.service);
    const o = document.createElement('option');
    o.value = r.service;
    o.textContent = shownText(r.service, state.reveal);
    ui.service.append(o);
  }
  ui.service.value = state.filter.service;
}

/** The service list as shown: masked until revealed, like every other text from a record. */
function relabelServices(): void {
  for (const o of Array.from(ui.service.options)) if (o.value) o.textContent = shownText(o.value, state.reveal);
}

/**
 * Records as posted carry the index of their resource in the message's `resources` (each resource is sent once
 * per message). A record that carries the object itself is taken as it is.
 */
function hydrate(records: PostedRecord[], resources: LogRecord['resource'][] | undefined): LogRecord[] {
  const out = records as unknown as { resource: unknown }[];
  for (const r of out) {
    if (typeof r.resource === 'number') r.resource = resources?.[r.resource] ?? {};
    else if (typeof r.resource !== 'object' || r.resource === null) r.resource = {};
  }
  return out as unknown as LogRecord[];
}

function append(records: LogRecord[]): void {
  if (state.paused) {
    state.heldWhilePaused.push(...records);
    if (state.heldWhilePaused.length > state.maxRecords) state.heldWhilePaused.splice(0, state.heldWhilePaused.length - state.maxRecords);
    return render();
  }
  addServices(records);
  for (const r of records) state.all.push(r);
  for (const r of records) if (predicate(r)) state.visible.push(r);
  // Trim in slices of 10% so the O(n) splice is amortized over many batches.
  if (state.all.length > state.maxRecords * 1.1) {
    state.all.splice(0, state.all.length - state.maxRecords);
    state.visible = state.all.filter(predicate);
  }
  render();
}

function select(r: LogRecord): void {
  state.selected = r;
  table.setSelected(r);
  const reveal = state.reveal || state.revealed.has(r);
  renderDetails(ui.details, r, reveal, state.spans.get(r.spanId ? `${r.traceId}/${r.spanId}` : ''), {
    openCode: (path, line, column) => vscode.postMessage({ type: 'openCode', path, line, column }),
    findCode: (event, body) => vscode.postMessage({ type: 'findCode', event, body }),
    filterTrace: (t) => setFilter({ traceId: t }),
    revealOne: (x) => {
      state.revealed.add(x);
      select(x);
    },
  });
}

window.addEventListener('message', (ev: MessageEvent) => {
  const m = ev.data as ToWebview;
  switch (m?.type) {
    case 'init':
      state.all = [];
      state.maxRecords = m.maxRecords;
      state.dropped = m.dropped;
      state.status = m.status;
      for (const s of m.spans) state.spans.set(`${s.traceId}/${s.spanId}`, s);
      append(hydrate(m.records, m.resources));
      return refilter();
    case 'records':
      state.dropped = m.dropped;
      return append(hydrate(m.records, m.resources));
    case 'spans':
      for (const s of m.spans) state.spans.set(`${s.traceId}/${s.spanId}`, s);
      return;
    case 'status':
      state.status = m.status;
      return render();
    case 'cleared':
      state.all = [];
      state.visible = [];
      state.heldWhilePaused = [];
      state.dropped = 0;
      ui.details.hidden = true;
      return render();
  }
});

ui.minSeverity.addEventListener('change', () => setFilter({ minSeverity: Number(ui.minSeverity.value) }));
ui.service.addEventListener('change', () => setFilter({ service: ui.service.value }));
ui.text.addEventListener('input', () => setFilter({ text: ui.text.value }));
ui.traceId.addEventListener('input', () => setFilter({ traceId: ui.traceId.value }));
ui.template.addEventListener('click', () => setFilter({ template: '' }));
ui.follow.addEventListener('change', () => {
  state.follow = ui.follow.checked;
  persist();
  render();
});
ui.group.addEventListener('change', () => {
  state.group = ui.group.checked;
  persist();
  render();
});
ui.reveal.addEventListener('change', () => {
  state.reveal = ui.reveal.checked;
  relabelServices();
  syncControls();
  refilter();
  if (state.selected) select(state.selected);
});
ui.pause.addEventListener('click', () => {
  state.paused = !state.paused;
  if (!state.paused) append(state.heldWhilePaused.splice(0));
  render();
});
byId('clear').addEventListener('click', () => vscode.postMessage({ type: 'clear' }));
byId('export').addEventListener('click', () => {
  // Only the global toggle reveals in exports: revealing one record is for a look, not for a file.
  const jsonl = state.visible.map((r) => exportLine(r, state.reveal)).join('\n');
  vscode.postMessage({ type: 'export', jsonl: jsonl ? `${jsonl}\n` : '', count: state.visible.length });
});

syncControls();
vscode.postMessage({ type: 'ready' });
