/**
 * The virtualized record list: a spacer gives the scrollbar its full height, and only the rows in view
 * (plus a little overscan) exist in the DOM, so 100,000 records cost the same to scroll as 100.
 */
import type { LogRecord } from '../../../server/src/logs/model';
import { clock, el } from './dom';
import { severityClass, viewOf } from './view';

export const ROW_HEIGHT = 20;
const OVERSCAN = 10;

export interface TableHandlers {
  select(r: LogRecord): void;
  filterTrace(traceId: string): void;
  /** The user scrolled away from the bottom (turns follow off) or back to it. */
  atBottom(yes: boolean): void;
}

export class VirtualTable {
  private items: readonly LogRecord[] = [];
  private reveal = false;
  private selected: LogRecord | undefined;
  private programmaticScroll = false;

  constructor(private readonly viewport: HTMLElement, private readonly spacer: HTMLElement, private readonly rows: HTMLElement, private readonly on: TableHandlers) {
    viewport.addEventListener('scroll', () => {
      this.render();
      if (this.programmaticScroll) this.programmaticScroll = false;
      else on.atBottom(this.isAtBottom());
    });
    rows.addEventListener('click', (ev) => this.click(ev));
  }

  /** Replaces the list shown (already filtered) and re-renders. */
  setItems(items: readonly LogRecord[], reveal: boolean): void {
    this.items = items;
    this.reveal = reveal;
    this.spacer.style.height = `${items.length * ROW_HEIGHT}px`;
    this.render();
  }

  setSelected(r: LogRecord | undefined): void {
    this.selected = r;
    this.render();
  }

  scrollToBottom(): void {
    const target = Math.max(0, this.items.length * ROW_HEIGHT - this.viewport.clientHeight);
    if (Math.abs(this.viewport.scrollTop - target) > 1) {
      this.programmaticScroll = true;
      this.viewport.scrollTop = target;
    }
  }

  private isAtBottom(): boolean {
    return this.viewport.scrollTop + this.viewport.clientHeight >= this.items.length * ROW_HEIGHT - ROW_HEIGHT;
  }

  render(): void {
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.items.length, Math.ceil((this.viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    this.rows.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const count = last - first;
    while (this.rows.children.length > count) this.rows.lastElementChild?.remove();
    while (this.rows.children.length < count) this.rows.appendChild(this.makeRow());
    for (let i = 0; i < count; i++) this.fill(this.rows.children[i] as HTMLElement, first + i);
  }

  private makeRow(): HTMLElement {
    const row = el('div', 'row');
    row.append(el('span', 'c-time'), el('span', 'c-sev'), el('span', 'c-svc'), el('span', 'c-body'), el('span', 'c-trace'));
    return row;
  }

  private fill(row: HTMLElement, index: number): void {
    const r = this.items[index];
    const v = viewOf(r, this.reveal);
    const [time, sev, svc, body, trace] = Array.from(row.children) as HTMLElement[];
    row.dataset.index = String(index);
    row.classList.toggle('selected', r === this.selected);
    time.textContent = clock(r.timeMs);
    sev.textContent = r.severityText || '-';
    sev.className = `c-sev ${severityClass(r.severityNumber)}`;
    svc.textContent = v.service;
    svc.title = v.service;
    body.replaceChildren();
    const pii = viewOf(r, false).pii;
    if (pii.length) body.append(el('span', 'pii', `[PII: ${pii.join(', ')}]`));
    body.append(document.createTextNode(v.body));
    body.title = v.body.slice(0, 2000);
    trace.textContent = r.traceId ? r.traceId.slice(0, 16) : '';
    trace.className = r.traceId ? 'c-trace trace-link' : 'c-trace';
    trace.title = r.traceId ? `Filter to trace ${r.traceId}` : '';
  }

  private click(ev: MouseEvent): void {
    const target = ev.target as HTMLElement;
    const row = target.closest('.row') as HTMLElement | null;
    if (!row?.dataset.index) return;
    const r = this.items[Number(row.dataset.index)];
    if (!r) return;
    if (target.classList.contains('trace-link')) this.on.filterTrace(r.traceId);
    else this.on.select(r);
  }
}
