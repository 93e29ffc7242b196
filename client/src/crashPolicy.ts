/**
 * When to restart the language server after it stops unexpectedly. No `vscode` import, so it is tested
 * without an editor: the server is restarted after each crash, until the 4th crash within 3 minutes;
 * then it stays stopped until the user restarts it (which starts the count again).
 */
export const MAX_CRASHES = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export type CrashDecision =
  | { action: 'restart'; message: string }
  | { action: 'stop'; message: string; crashes: number };

export class CrashPolicy {
  private readonly crashes: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** The server stopped unexpectedly: restart it, or give up. */
  crashed(): CrashDecision {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length >= MAX_CRASHES) {
      return { action: 'stop', crashes: this.crashes.length, message: `The o11y-lint server crashed ${this.crashes.length} times in 3 minutes and will not be restarted. See the output for details.` };
    }
    return { action: 'restart', message: 'The o11y-lint server stopped unexpectedly and is being restarted.' };
  }

  /** The user restarted the server by hand: start counting again. */
  reset(): void {
    this.crashes.length = 0;
  }
}
