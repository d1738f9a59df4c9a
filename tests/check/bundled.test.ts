// The bundled Seoul catalog passes `citydash check` (text and json formats agree).
import { cli } from './helpers.ts';
import { repoRoot } from '../helpers/paths.ts';

test('citydash check on the bundled catalog passes', async () => {
  const text = await cli(['check', '--catalog', repoRoot]);
  if (text.exit !== 0) throw new Error(text.out);
  expect(text.out).toMatch(/^check passed: \d+ datasets, \d+ charts checked/m);
  const json = JSON.parse((await cli(['check', '--catalog', repoRoot, '--json'])).out);
  expect(json).toMatchObject({ ok: true, errors: 0 });
  expect(json.counts.datasets).toBeGreaterThanOrEqual(8);
  expect(json.counts.charts).toBeGreaterThanOrEqual(12);
});
