/** Names shared by the client and the server (custom messages, code action kinds, data shapes). */
import type { Fix } from './analysis/types';

export const SOURCE = 'o11y-lint';
export const FIX_ALL_KIND = 'source.fixAll.o11y-lint';
export const CONFIG_SECTION = 'o11yLint';

/** Rides on `Diagnostic.data`, so code actions need no server state. */
export interface DiagnosticData {
  /** Document version the fixes were computed for; stale fixes are not offered. */
  version: number;
  fixes: Fix[];
}

/** Sent by the server when analysis state changes, for the client's status bar. */
export const STATUS_NOTIFICATION = 'o11yLint/status';
export interface StatusParams {
  state: 'ok' | 'warning' | 'error';
  message: string;
}

/** Client → server: log calls in the workspace that could have written a record (logs panel "Find in code"). */
export const FIND_LOG_CALLS_REQUEST = 'o11yLint/findLogCalls';
export interface FindLogCallsParams { event: string; body: string }
export interface LogCallLocation { uri: string; line: number; character: number; text: string }
