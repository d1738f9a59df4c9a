// One descriptor file on its way into the catalog.
import type { Problem } from '../types.ts';
import type { Obj } from './file-rules.ts';
import { hasErrors } from './problem.ts';
import type { SourceDoc } from './source-doc.ts';

export interface Entry {
  kind: 'dataset' | 'chart';
  source: SourceDoc;
  /** The parsed mapping (present even when it breaks the schema, so cross-file rules still run). */
  value?: Obj;
  /** Problems located in this file. */
  problems: Problem[];
  /** False when something outside the file makes it unusable (its row schema is broken). */
  usable: boolean;
}

export const entryId = (e: Entry): string | undefined => (typeof e.value?.id === 'string' ? e.value.id : undefined);
export const entryOk = (e: Entry): boolean => e.usable && e.value !== undefined && !hasErrors(e.problems);
