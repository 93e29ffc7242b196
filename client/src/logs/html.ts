/**
 * The logs panel's HTML. No `vscode` import, so the browser test renders exactly this page. The CSP allows
 * only our nonce'd script and style: no inline handlers, no remote anything, no `unsafe-inline`.
 */
import { randomBytes } from 'node:crypto';

export interface HtmlOptions {
  /** `webview.cspSource`: the origin local resources are served from. */
  cspSource: string;
  /** URI of dist/webview.js as the webview sees it. */
  scriptUri: string;
  nonce?: string;
}

/** A fresh random nonce for each rendering. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const CSS = `
body { margin: 0; padding: 0; font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #ccc); background: var(--vscode-editor-background, #1e1e1e); }
#toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px; border-bottom: 1px solid var(--vscode-panel-border, #444); }
#toolbar input[type=text], #toolbar select { background: var(--vscode-input-background, #333); color: var(--vscode-input-foreground, #ccc); border: 1px solid var(--vscode-input-border, #555); padding: 2px 4px; }
#text { min-width: 16em; }
button { background: var(--vscode-button-secondaryBackground, #444); color: var(--vscode-button-secondaryForeground, #fff); border: none; padding: 3px 8px; cursor: pointer; }
#status { margin-left: auto; opacity: 0.8; }
#status.warning { color: var(--vscode-charts-yellow, #cca700); } #status.error { color: var(--vscode-charts-red, #f14c4c); }
#main { display: flex; height: calc(100vh - 42px); }
#list { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#viewport { flex: 1; overflow-y: auto; position: relative; }
#spacer { width: 1px; }
#rows { position: absolute; left: 0; right: 0; top: 0; }
.row { display: flex; height: 20px; line-height: 20px; white-space: nowrap; cursor: default; font-family: var(--vscode-editor-font-family, monospace); }
.row:hover { background: var(--vscode-list-hoverBackground, #2a2d2e); }
.row.selected { background: var(--vscode-list-activeSelectionBackground, #094771); }
.head { font-weight: bold; border-bottom: 1px solid var(--vscode-panel-border, #444); }
.c-time { width: 96px; flex: none; opacity: 0.8; } .c-sev { width: 56px; flex: none; } .c-svc { width: 110px; flex: none; overflow: hidden; text-overflow: ellipsis; }
.c-body { flex: 1; overflow: hidden; text-overflow: ellipsis; padding-right: 8px; } .c-trace { width: 120px; flex: none; overflow: hidden; text-overflow: ellipsis; }
.c-count { width: 70px; flex: none; text-align: right; padding-right: 8px; }
.trace-link, .code-link { color: var(--vscode-textLink-foreground, #3794ff); cursor: pointer; text-decoration: underline; }
.pii { color: var(--vscode-charts-orange, #d18616); margin-right: 4px; }
.sev-trace, .sev-debug { color: var(--vscode-descriptionForeground, #999); } .sev-info { color: var(--vscode-charts-green, #89d185); }
.sev-warn { color: var(--vscode-charts-yellow, #cca700); } .sev-error { color: var(--vscode-charts-red, #f14c4c); } .sev-fatal { color: var(--vscode-charts-purple, #b180d7); font-weight: bold; }
#details { width: 38%; overflow: auto; border-left: 1px solid var(--vscode-panel-border, #444); padding: 6px; }
#details pre { white-space: pre-wrap; word-break: break-word; margin: 0 0 8px; }
#details table { border-collapse: collapse; width: 100%; } #details td { vertical-align: top; padding: 1px 4px; word-break: break-word; }
#details h4 { margin: 8px 0 2px; }
#groups { flex: 1; overflow-y: auto; }
[hidden] { display: none !important; }
`;

/** The whole page; every dynamic value is added later by the script as text, never as markup. */
export function renderLogsHtml(o: HtmlOptions): string {
  const nonce = o.nonce ?? makeNonce();
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src ${o.cspSource} data:`, `font-src ${o.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Live Logs</title>
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<div id="toolbar">
  <select id="minSeverity" title="Minimum severity">
    <option value="0">all</option><option value="5">debug+</option><option value="9">info+</option>
    <option value="13">warn+</option><option value="17">error+</option><option value="21">fatal</option>
  </select>
  <select id="service" title="Service"><option value="">all services</option></select>
  <input type="text" id="text" placeholder="text or key=value" title="Free text; key=value matches an attribute">
  <input type="text" id="traceId" placeholder="trace id" title="Trace id (click one in the list)">
  <button id="pause">Pause</button>
  <button id="clear">Clear</button>
  <label><input type="checkbox" id="follow" checked> Follow</label>
  <label><input type="checkbox" id="group"> Group similar</label>
  <label><input type="checkbox" id="reveal"> Reveal PII</label>
  <button id="export">Export visible</button>
  <span id="template" hidden></span>
  <span id="status"></span>
</div>
<div id="main">
  <div id="list">
    <div class="row head"><span class="c-time">time</span><span class="c-sev">severity</span><span class="c-svc">service</span><span class="c-body">body</span><span class="c-trace">trace id</span></div>
    <div id="viewport"><div id="spacer"></div><div id="rows"></div></div>
    <div id="groups" hidden></div>
  </div>
  <div id="details" hidden></div>
</div>
<script nonce="${nonce}" src="${o.scriptUri}"></script>
</body>
</html>`;
}
