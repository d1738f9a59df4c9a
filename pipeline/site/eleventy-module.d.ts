// Eleventy 3 ships JavaScript without declarations; this is the slice of its programmatic API
// the site build uses (see node_modules/@11ty/eleventy/src/Eleventy.js).
declare module '@11ty/eleventy' {
  interface EleventyLogger {
    overrideLogger(logger: { log(m: unknown): void; info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | false): void;
  }
  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    pathPrefix?: string;
    config?: (eleventyConfig: any) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    readonly logger: EleventyLogger;
    /** Set once init() has run. */
    readonly config: { benchmarkManager: { getAll(): Record<string, { setIsVerbose(verbose: boolean): void }> } };
    init(): Promise<void>;
    write(): Promise<unknown>;
  }
}

// Nunjucks comes with Eleventy and is used through it; the site test counts template compiles.
declare module 'nunjucks' {
  const nunjucks: { Template: { prototype: object } };
  export default nunjucks;
}
