// Problems in files the user wrote, located at `path:line:col`.
import type { Problem } from '../types.ts';
import { locate, type SourceDoc } from './source-doc.ts';

export interface ProblemOptions {
  /** Locate the key instead of its value (unknown keys). */
  at?: 'key' | 'value';
  severity?: Problem['severity'];
  rule?: string;
  hint?: string;
}

/** `sources/x/y.yaml:12:5: message` (warnings say so; a hint follows after " — "). */
export function formatProblem(p: Problem): string {
  const level = p.severity === 'warning' ? 'warning: ' : '';
  const hint = p.hint ? ` — ${p.hint}` : '';
  return `${p.file}:${p.line}:${p.col}: ${level}${p.message}${hint}`;
}

export function problemAt(source: SourceDoc, pointer: string, message: string, opts: ProblemOptions = {}): Problem {
  const { line, col } = locate(source, pointer, opts.at ?? 'value');
  return withOptions({ file: source.path, line, col, message, severity: opts.severity ?? 'error' }, opts);
}

/** A problem about a file as a whole (missing, unreadable), at its first line. */
export function problemInFile(file: string, message: string, opts: ProblemOptions = {}): Problem {
  return withOptions({ file, line: 1, col: 1, message, severity: opts.severity ?? 'error' }, opts);
}

function withOptions(p: Problem, opts: ProblemOptions): Problem {
  if (opts.rule) p.rule = opts.rule;
  if (opts.hint) p.hint = opts.hint;
  return p;
}

/** Stable order: by file, then position, then message. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
  );
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error');
