/** The o11y-lint language server: LSP wiring only. Works over stdio (`--stdio`) and VS Code's IPC. */
import {
  CodeActionKind, CompletionItemKind, DidChangeConfigurationNotification, ErrorCodes, InsertTextFormat, MarkupKind, type CompletionItem, type Hover, DidChangeWatchedFilesNotification, ProposedFeatures,
  ResponseError, TextDocumentSyncKind, TextDocuments, createConnection, type InitializeResult, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, initAnalyzer } from './analysis/engine';
import { matchesAny, relativeForGlobs } from './analysis/globs';
import { langOf, resolveLanguageId } from './analysis/languages';
import { uriPath } from './uris';
import { ParseCache } from './analysis/parseCache';
import { WorkspaceIndex } from './workspaceIndex';
import { siteMatches } from './analysis/logEvents';
import { pathToFileURL } from 'node:url';
import type { AnalysisResult } from './analysis/types';
import { codeActions } from './codeActions';
import { wrapInSpan } from './analysis/fixes/wrapInSpan';
import { nearestPackageName } from './packageName';
import { yamlCompletions } from './yaml/completion';
import { yamlHover } from './yaml/hover';
import { toDiagnostics } from './diagnostics';
import { DocumentSettings, type ResolvedSettings } from './documentSettings';
import { projectView } from './analysis/project/modules';
import type { RoleDecision } from './analysis/project/view';
import { diskFs, overlayFs } from './projectFs';
import { roleHover } from './roleHover';
import { FIND_LOG_CALLS_REQUEST, FIX_ALL_KIND, STATUS_NOTIFICATION, type FindLogCallsParams, type LogCallLocation, type StatusParams } from './protocol';

/** Quiet time after the last keystroke before re-analysis. */
const DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
/** Documents keep the language id the analyzer uses: an unknown id (eglot's `js`) is decided by the file extension. */
const documents = new TextDocuments<TextDocument>({
  create: (uri, languageId, version, text) => TextDocument.create(uri, resolveLanguageId(languageId, uriPath(uri) ?? '') ?? languageId, version, text),
  update: TextDocument.update,
});
const settings = new DocumentSettings(connection);
const timers = new Map<string, NodeJS.Timeout>();
const analyzed = new Set<string>();
/** Set once the YAML documents have been re-checked after the workspace metric scan. */
let yamlRechecked = false;
/** Previous parse per open document, so edits re-parse incrementally. */
const parses = new Map<string, ParseCache>();
let ready: Promise<void> = Promise.resolve();
/** Open documents by file path, with a stamp that changes on every edit and every reopening (the project layer reads them over the disk). */
const openFiles = new Map<string, { uri: string; stamp: string }>();
let openings = 0;
const workspace = new WorkspaceIndex(
  (m) => connection.console.info(m),
  overlayFs(diskFs(), (file) => {
    const open = openFiles.get(file);
    const doc = open && documents.get(open.uri);
    return doc && open ? { text: doc.getText(), stamp: `${open.stamp}:${doc.version}` } : undefined;
  }),
  () => settings.workspaceFolders,
);
/** The project modules each open document's last analysis consulted: when one of them exports something else, the document is analyzed again. */
const consulted = new Map<string, Set<string>>();
/** What a consulted module exported when last looked at. */
const exportsSeen = new Map<string, string>();
/** Each open document's role, from its last analysis (the hover on line 1). */
const roles = new Map<string, RoleDecision>();
let supportsDocumentChanges = false;
let supportsDisabledActions = false;
let dynamicWatch = false;
let dynamicConfig = false;
/** Set by `shutdown`: from then on no request is served and nothing is published (LSP: only `exit` may follow). */
let shutDown = false;

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  settings.canPullConfiguration = !!caps.workspace?.configuration;
  supportsDocumentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
  supportsDisabledActions = !!caps.textDocument?.codeAction?.disabledSupport;
  dynamicWatch = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  dynamicConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  settings.workspaceFolders = folderPaths((Array.isArray(params.workspaceFolders) ? params.workspaceFolders : []).map((f) => f?.uri)
    .concat(!params.workspaceFolders && params.rootUri ? [params.rootUri] : []));
  ready = initAnalyzer().catch((error: unknown) => {
    connection.console.error(`Python parser failed to load; Python files will not be analyzed: ${(error as Error).stack ?? error}`);
  });
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      completionProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'o11y-lint', version: process.env.O11Y_LINT_VERSION ?? '0.1.0' },
  };
});

/** The file-system folders among workspace folder URIs (others, and URIs that are not valid, are left out). */
function folderPaths(uris: unknown[]): string[] {
  return uris.map(uriPath).filter((p): p is string => !!p);
}

connection.onShutdown(() => {
  shutDown = true;
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  settings.stop();
});

/** Called first by every request handler: after `shutdown`, the request is refused (InvalidRequest). */
function serving(): void {
  if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The o11y-lint server is shutting down.');
}

function publish(params: PublishDiagnosticsParams): void {
  if (!shutDown) void connection.sendDiagnostics(params);
}

connection.onInitialized(() => {
  if (dynamicConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'o11yLint' });
  if (dynamicWatch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.o11ylint.json' }] });
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = folderPaths((e?.removed ?? []).map((r) => r?.uri));
    settings.workspaceFolders = settings.workspaceFolders.filter((f) => !removed.includes(f)).concat(folderPaths((e?.added ?? []).map((a) => a?.uri)));
    reanalyzeAll();
  });
});

function reanalyzeAll(): void {
  if (shutDown) return;
  settings.clear();
  workspace.project.clear();
  for (const doc of documents.all()) schedule(doc.uri, 0);
}

connection.onDidChangeConfiguration(() => reanalyzeAll());
connection.onDidChangeWatchedFiles(() => reanalyzeAll());

documents.onDidOpen((e) => {
  const file = uriPath(e.document.uri);
  if (file) openFiles.set(file, { uri: e.document.uri, stamp: String(++openings) });
  workspace.project.clear(); // a new file may be what an import could not find before
});
documents.onDidChangeContent((e) => schedule(e.document.uri, analyzed.has(e.document.uri) ? DEBOUNCE_MS : 0));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  const file = uriPath(uri);
  if (file) { openFiles.delete(file); recheckDependents(file, uri); } // its text is the disk's again
  consulted.delete(uri);
  roles.delete(uri);
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  analyzed.delete(uri);
  parses.get(uri)?.clear();
  parses.delete(uri);
  settings.forget(uri);
  // What the index knew came from the editor's text: back to what is on disk (nothing, for a file never saved).
  if (file) workspace.closed(file);
  publish({ uri, diagnostics: [] });
});

function schedule(uri: string, delay: number): void {
  if (shutDown) return;
  clearTimeout(timers.get(uri));
  timers.set(uri, setTimeout(() => {
    timers.delete(uri);
    validate(uri).catch((error: unknown) => connection.console.error(`Analysis of ${uri} failed: ${(error as Error)?.stack ?? error}`));
  }, delay));
}

/** Analyzes the current version; a result for a version that has since changed is dropped. */
async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  if (!doc || !langOf(doc.languageId)) return;
  const version = doc.version;
  await ready;
  const resolved = await settings.get(uri);
  const current = documents.get(uri);
  if (!current || current.version !== version || shutDown) return;
  analyzed.add(uri);
  let cache = parses.get(uri);
  if (!cache) parses.set(uri, (cache = new ParseCache()));
  const modules = new Set<string>();
  const result = run(current, resolved, current.getText(), cache, (m) => modules.add(m));
  consulted.set(uri, modules);
  for (const m of modules) for (const dep of workspace.project.dependenciesOf(m)) if (!exportsSeen.has(dep)) exportsSeen.set(dep, exportsKey(dep));
  if (result.role) roles.set(uri, result.role);
  workspace.update(resolved.filename, result);
  if (resolved.filename) recheckDependents(resolved.filename, uri);
  publish({ uri, version, diagnostics: toDiagnostics(result, version) });
  if (current.languageId === 'yaml' && settings.workspaceFolders.length) {
    // Once the workspace's metric registrations are known, re-check the YAML files against them.
    void workspace.ensureScanned(settings.workspaceFolders).then(() => {
      if (!yamlRechecked) { yamlRechecked = true; for (const d of documents.all()) if (d.languageId === 'yaml') schedule(d.uri, 0); }
    });
  }
}

function excluded(resolved: ResolvedSettings): boolean {
  if (!resolved.filename) return false;
  const rel = relativeForGlobs(resolved.filename, resolved.root);
  const { include, exclude } = resolved.settings;
  return matchesAny(rel, exclude) || (include.length > 0 && !matchesAny(rel, include));
}

function exportsKey(file: string): string {
  return JSON.stringify(workspace.project.exportsOf(file) ?? null);
}

/** `file` changed: the open documents whose imports lead to it are analyzed again if what it exports changed. */
function recheckDependents(file: string, except: string): void {
  const dependents = [...consulted].filter(([uri, mods]) => uri !== except && [...mods].some((m) => workspace.project.dependenciesOf(m).includes(file)));
  if (!dependents.length) return;
  const now = exportsKey(file);
  if (exportsSeen.get(file) === now) return;
  exportsSeen.set(file, now);
  for (const [uri] of dependents) schedule(uri, 0);
}

function run(doc: TextDocument, resolved: ResolvedSettings, text = doc.getText(), cache?: ParseCache, onModule?: (module: string) => void): AnalysisResult {
  if (excluded(resolved)) return { findings: [], hasSyntaxErrors: false };
  try {
    return analyze({
      text,
      languageId: doc.languageId,
      filename: resolved.filename,
      settings: resolved.settings,
      root: resolved.root,
      cache,
      project: resolved.filename ? projectView(resolved.filename, workspace.project, onModule) : undefined,
      collectMetrics: doc.languageId !== 'yaml',
      collectLogEvents: doc.languageId !== 'yaml',
      workspaceMetrics: doc.languageId === 'yaml' ? workspace.metrics : undefined,
      onRuleError: (rule, error) => connection.console.error(`Rule ${rule} failed on ${doc.uri}: ${(error as Error).stack ?? error}`),
    });
  } catch (error) {
    cache?.clear();
    connection.console.error(`Analysis of ${doc.uri} failed: ${(error as Error).stack ?? error}`);
    sendStatus({ state: 'error', message: `Analysis failed for ${doc.uri}; see the o11y-lint output.` });
    return { findings: [], hasSyntaxErrors: false };
  }
}

function sendStatus(params: StatusParams): void {
  void connection.sendNotification(STATUS_NOTIFICATION, params);
}

connection.onCodeAction(async (params) => {
  serving();
  const doc = documents.get(params?.textDocument?.uri);
  if (!doc || !Array.isArray(params.context?.diagnostics)) return [];
  await ready;
  const resolved = await settings.get(doc.uri);
  const lang = langOf(doc.languageId);
  const wrap = lang === 'py' || lang === 'js'
    ? (start: number, end: number) => {
      try {
        const cache = parses.get(doc.uri);
        // The package name names a JS tracer (`trace.getTracer(...)`); Python's is `__name__`.
        const packageName = lang === 'js' ? nearestPackageName(resolved.filename) : undefined;
        return wrapInSpan({ text: doc.getText(), languageId: doc.languageId, filename: resolved.filename, start, end, settings: resolved.settings, packageName, cache });
      } catch (error) {
        connection.console.error(`Wrap in span failed on ${doc.uri}: ${(error as Error).stack ?? error}`);
        return undefined;
      }
    }
    : undefined;
  return codeActions(doc, params, { analyze: (text) => run(doc, resolved, text), supportsDocumentChanges, supportsDisabled: supportsDisabledActions, wrapInSpan: excluded(resolved) ? undefined : wrap });
});

connection.onHover(async (params): Promise<Hover | null> => {
  serving();
  const { textDocument, position } = params ?? {};
  const doc = documents.get(textDocument?.uri);
  if (!doc || !position) return null;
  const lang = langOf(doc.languageId);
  if (position.line === 0 && (lang === 'py' || lang === 'js')) {
    // Line 1 of a code file: its role and why (docs/roles.md).
    await ready;
    const role = roles.get(doc.uri) ?? run(doc, await settings.get(doc.uri)).role;
    const end = doc.getText().search(/\r?\n|$/);
    return role ? { contents: { kind: MarkupKind.Markdown, value: roleHover(role, lang) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } } } : null;
  }
  if (doc.languageId !== 'yaml') return null;
  const hit = yamlHover(doc.getText(), doc.offsetAt(position));
  return hit ? { contents: { kind: MarkupKind.Markdown, value: hit.markdown }, range: { start: doc.positionAt(hit.start), end: doc.positionAt(hit.end) } } : null;
});

connection.onCompletion(async (params): Promise<CompletionItem[]> => {
  serving();
  const { textDocument, position } = params ?? {};
  const doc = documents.get(textDocument?.uri);
  if (doc?.languageId !== 'yaml' || !position) return [];
  const { settings: s } = await settings.get(doc.uri);
  return yamlCompletions(doc.getText(), doc.offsetAt(position), s.alerts.severities).map((c) => ({
    label: c.label,
    kind: c.kind === 'property' ? CompletionItemKind.Property : c.kind === 'value' ? CompletionItemKind.Value : CompletionItemKind.Snippet,
    insertText: c.insertText,
    insertTextFormat: c.kind === 'snippet' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    detail: c.detail,
  }));
});

/** The log calls that could have written a record: exact event names first, then templates. */
connection.onRequest(FIND_LOG_CALLS_REQUEST, async (params: FindLogCallsParams): Promise<LogCallLocation[]> => {
  serving();
  await ready;
  if (settings.workspaceFolders.length) await workspace.ensureScanned(settings.workspaceFolders);
  const record = { event: String(params?.event ?? ''), body: String(params?.body ?? '') };
  const hits: (LogCallLocation & { template: boolean })[] = [];
  for (const { file, site } of workspace.logEvents()) {
    if (siteMatches(site, record)) hits.push({ uri: pathToFileURL(file).href, line: site.line, character: site.character, text: site.text, template: site.template });
  }
  hits.sort((a, b) => Number(a.template) - Number(b.template) || a.uri.localeCompare(b.uri) || a.line - b.line);
  return hits.slice(0, 50).map(({ template: _t, ...loc }) => loc);
});

/**
 * The document notifications, checked before `documents` sees them: a document whose URI is not a valid string
 * (`null`, `file://host/…`, `%2F` in the path) is ignored and logged, never analyzed; after `shutdown` every
 * document notification is ignored.
 */
const checkedDocuments: Parameters<typeof documents.listen>[0] = {
  onDidOpenTextDocument: (handler) => connection.onDidOpenTextDocument((params) => {
    const doc = params?.textDocument;
    if (accepted('didOpen', doc?.uri) && typeof doc.text === 'string' && typeof doc.version === 'number') return handler(params);
  }),
  onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument((params) => {
    if (accepted('didChange', params?.textDocument?.uri) && Array.isArray(params.contentChanges)) return handler(params);
  }),
  onDidCloseTextDocument: (handler) => connection.onDidCloseTextDocument((params) => {
    if (accepted('didClose', params?.textDocument?.uri)) return handler(params);
  }),
  onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
  onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
  onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
};

const ignoredUris = new Set<string>();

function accepted(what: string, uri: unknown): boolean {
  if (shutDown) return false;
  if (uriPath(uri) !== undefined) return true;
  const shown = JSON.stringify(uri)?.slice(0, 200) ?? String(uri);
  if (ignoredUris.size < 100 && !ignoredUris.has(shown)) {
    ignoredUris.add(shown);
    connection.console.warn(`Ignored textDocument/${what} for a document URI that is not a valid file or untitled URI: ${shown}`);
  }
  return false;
}

// A bug in a handler must not take the server (and every open document's diagnostics) down with it.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

documents.listen(checkedDocuments);
connection.listen();
