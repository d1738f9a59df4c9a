// From an offset inside a YAML string value (the `sql:` of a derived dataset) to the line
// and column of the file, so a SQL problem points at the word in the block the author wrote.
import { isScalar, type Scalar } from 'yaml';
import { locate, resolvePointer, type Position, type SourceDoc } from '../source-doc.ts';

export function positionInString(source: SourceDoc, pointer: string, offset: number | undefined): Position {
  const fallback = locate(source, pointer);
  const { node, resolved } = resolvePointer(source, pointer);
  if (offset === undefined || !resolved || !isScalar(node) || typeof node.value !== 'string' || !node.range) return fallback;
  const value = node.value;
  const before = value.slice(0, Math.min(offset, value.length));
  const lineIndex = (before.match(/\n/g) ?? []).length;
  const column = before.length - (before.lastIndexOf('\n') + 1);
  const start = node.range[0];
  const type = (node as Scalar).type;
  if (type === 'BLOCK_LITERAL') {
    // The header line (`|`, `|-`) comes first; content lines follow one for one.
    const header = source.lineCounter.linePos(start).line;
    const lines = source.text.split('\n');
    const firstContent = lines.slice(header).find((l) => l.trim() !== '') ?? '';
    const indent = firstContent.length - firstContent.trimStart().length;
    return { line: header + 1 + lineIndex, col: indent + column + 1 };
  }
  if ((type === 'PLAIN' || type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') && lineIndex === 0) {
    const pos = source.lineCounter.linePos(start + (type === 'PLAIN' ? 0 : 1) + column);
    // a one-line scalar: exact unless escapes made the source longer than the value
    return source.text.slice(start, node.range[1]).includes('\n') ? fallback : pos;
  }
  return fallback;
}
