/**
 * Text for a notification: `window/showMessage(Request)` from the server, `vscode.window.show*Message` in the
 * client. VS Code renders `[label](command:…)` (also `https:` and `file:` targets) in a notification as a link
 * that runs the command with the arguments in the link, in restricted mode too. Our messages quote text from
 * the workspace (keys and values of `.o11ylint.json` and settings) and from log records (`code.filepath`,
 * event names, bodies), so every message goes through `plainMessage` before it is shown. No editor import:
 * the client, the server and the CLI share it.
 */

/** Longer messages are cut: a 1 MB key in a config file must not become a 1 MB notification. */
export const MAX_MESSAGE_LENGTH = 2000;

/**
 * Control characters (they end a line or move the cursor in the output and in the notification) and the
 * bidirectional overrides (they make text read differently from what it is).
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The message as shown, with nothing in it that a notification renders as a link: `](` becomes `] (`, which
 * is no link in VS Code's notification syntax (`\[label\]\(target\)`, no space allowed) nor in Markdown, and
 * `<scheme:…>` autolinks lose their `<`. Control and bidi characters become U+FFFD; the text is cut at
 * MAX_MESSAGE_LENGTH. Everything else is kept as written, so the user still sees what the key or path was.
 */
export function plainMessage(text: string): string {
  const cut = text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
  return cut
    .replace(INVISIBLE, '\uFFFD')
    .replace(/\]\(/g, '] (')
    .replace(/<(?=[a-z][a-z0-9+.-]*:)/gi, '‹');
}
