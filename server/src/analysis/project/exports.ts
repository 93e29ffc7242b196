/**
 * What a module of the project exports, as far as logging, tracing and metrics go (issue 14).
 * The shapes are shared by both languages: `jsExports.ts` / `pyExports.ts` list a module's
 * exported values, the classifiers (classifiers.ts) say what each value is.
 */
import type { ExportedSymbol } from './view';

/** One exported name: what it is, or where it comes from (`export { logger } from './base'`, `from .base import log`). */
export type ExportEntry = { symbol: ExportedSymbol } | { from: string; name: string };

export interface ModuleExports {
  /** Exported name (`default` for a default export / `module.exports` itself) → what it is. Unclassified names are absent. */
  names: Record<string, ExportEntry>;
  /** Specifiers re-exported whole (`export * from './base'`, `from .base import *`), in order. */
  stars: string[];
}

export const NO_EXPORTS: ModuleExports = { names: {}, stars: [] };

/** Level method names a logger (or a class wrapping one) has. */
export const LEVEL_METHOD = /^(?:trace|debug|info|warn|warning|error|exception|critical|fatal|verbose|log)$/;

/** The exported symbol is one of the logger kinds. */
export function isLoggerSymbol(s: ExportedSymbol | undefined): boolean {
  return !!s && (s.kind === 'logger' || s.kind === 'logger-class' || s.kind === 'logger-factory');
}
