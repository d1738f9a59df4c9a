// docs/architecture.md §5: a reader never follows a link to a page not yet written. Pages new to
// the target go up (all of them) before any page that was already there is rewritten, since only
// a rewritten page can link a new one.
import { memoryLogger } from '../../pipeline/log.ts';
import type { PlannedUpload } from '../../pipeline/publish/plan.ts';
import type { Target } from '../../pipeline/publish/target.ts';
import { uploadStages } from '../../pipeline/publish/upload.ts';

function recordingTarget(): Target & { puts: string[] } {
  const puts: string[] = [];
  return {
    name: 'memory:test',
    puts,
    async put(path: string) {
      // The slowest writes are the new pages: a pool that did not wait for them would let a changed page overtake.
      await new Promise((r) => setTimeout(r, path.includes('/new-') ? 20 : 0));
      puts.push(path);
    },
  } as unknown as Target & { puts: string[] };
}

const upload = (path: string, stage: PlannedUpload['stage'], reason: PlannedUpload['reason']): PlannedUpload => ({
  path, body: new TextEncoder().encode(path), size: path.length, contentType: stage === 'pages' ? 'text/html' : 'application/octet-stream', cacheControl: 'no-cache', stage, reason,
});

test('new pages are all written before a changed page that may link them, hashed files before both, feeds after', async () => {
  const target = recordingTarget();
  const plan = [
    upload('ko/index.html', 'pages', 'changed'),
    upload('ko/charts/new-chart/index.html', 'pages', 'new'),
    upload('en/index.html', 'pages', 'changed'),
    upload('en/charts/new-chart/index.html', 'pages', 'new'),
    upload('ko/datasets/new-data/index.html', 'pages', 'missing'),
    upload('data/new-data.3f9a1c2b.csv', 'immutable', 'new'),
    upload('ko/changes.xml', 'feeds', 'changed'),
  ];
  await uploadStages(target, plan, { concurrency: 8, lock: null, log: memoryLogger() });
  const at = (p: string) => target.puts.indexOf(p);
  expect(target.puts).toHaveLength(plan.length);
  for (const fresh of ['ko/charts/new-chart/index.html', 'en/charts/new-chart/index.html', 'ko/datasets/new-data/index.html']) {
    expect(at(fresh)).toBeGreaterThan(at('data/new-data.3f9a1c2b.csv'));
    expect(at(fresh)).toBeLessThan(at('ko/index.html'));
    expect(at(fresh)).toBeLessThan(at('en/index.html'));
  }
  expect(at('ko/changes.xml')).toBe(plan.length - 1);
});
