// Every child prints exactly one result line on stdout, prefixed so the harness can find it
// among anything a library prints. Its own peak RSS rides along as the fallback for machines
// without GNU time.
export const RESULT_PREFIX = 'BENCH-RESULT ';

export function reportResult(result: Record<string, unknown>): void {
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, maxRssKb })}\n`);
}

/** Positional argument `i`, or a clear failure naming what was expected. */
export function arg(i: number, name: string): string {
  const v = process.argv[2 + i];
  if (v === undefined) throw new Error(`missing argument ${i + 1}: ${name}`);
  return v;
}

/**
 * A warm-up run (BENCH_WARMUP=1) stops once the child's imports are loaded: it warms the tsx
 * transform cache and the page cache of the code, which is all a fresh process can reuse.
 */
export function exitIfWarmup(): void {
  if (process.env.BENCH_WARMUP === '1') {
    reportResult({ warmup: true });
    process.exit(0);
  }
}

/**
 * Peaks of where the memory is, sampled every 100 ms: the JavaScript heap, and what lives
 * outside it (Buffers, typed arrays, native libraries' allocations through Node). Beside the
 * process's peak RSS, they say which of the two a memory goal has to shrink.
 */
export function memoryPeaks(): () => { peakHeapMb: number; peakExternalMb: number } {
  let heap = 0;
  let external = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    external = Math.max(external, m.external);
  };
  const timer = setInterval(sample, 100);
  timer.unref();
  return () => {
    sample();
    clearInterval(timer);
    return { peakHeapMb: Math.round(heap / 2 ** 20), peakExternalMb: Math.round(external / 2 ** 20) };
  };
}
