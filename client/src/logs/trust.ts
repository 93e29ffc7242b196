/**
 * Live logs in restricted mode: nothing listens on a port and no file is followed until the user trusts the
 * workspace. No `vscode` import, so the rule is tested without an editor; index.ts passes
 * `vscode.workspace.isTrusted` and calls `granted()` from `onDidGrantWorkspaceTrust`.
 */
export type LogsFeature = 'receiver' | 'tail';

const REFUSAL: Record<LogsFeature, string> = {
  receiver: 'The OTLP receiver is off in untrusted workspaces: trust the workspace to receive live logs (it starts as soon as you do).',
  tail: 'Tailing a log file is off in untrusted workspaces: trust the workspace, then run "O11y: Tail Log File…" again.',
};

export class TrustGate {
  private readonly waiting = new Map<LogsFeature, () => void>();

  constructor(private readonly isTrusted: () => boolean) {}

  /**
   * Runs `start` now in a trusted workspace and returns undefined. Otherwise returns the message to show;
   * with `onGrant`, `start` runs once when trust is granted (the latest request per feature wins).
   */
  request(feature: LogsFeature, start: () => void, onGrant = false): string | undefined {
    if (this.isTrusted()) {
      start();
      return undefined;
    }
    if (onGrant) this.waiting.set(feature, start);
    return REFUSAL[feature];
  }

  /** Trust was granted: run what was waiting for it. */
  granted(): void {
    if (!this.isTrusted()) return;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const start of waiting) start();
  }
}
