// Validators ajv compiled ahead of time at `npm pack` (scripts/package/compile.ts writes them as
// standalone CommonJS beside the module that uses them, each marked with the sha256 of the
// schemas it was made from). A checkout has none; a file made from other schemas is never used.
import { createRequire } from 'node:module';

/** The marker line the packed file ends with, naming the schemas it was made from. */
export function precompiledModule(code: string, schemaSha256: string): string {
  return `${code}\nmodule.exports.schemaSha256 = ${JSON.stringify(schemaSha256)};\n`;
}

/** The module `file` beside `from` (an import.meta.url) when it was made from `schemaSha256`. */
export function loadPrecompiled<T>(from: string, file: string, schemaSha256: string): T | undefined {
  try {
    const made = createRequire(from)(`./${file}`) as T & { schemaSha256?: string };
    return made.schemaSha256 === schemaSha256 ? made : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}
