// The catalog shipped in this repository must load cleanly: what `citydash check` and
// every nightly cycle start from.
import { formatProblem, loadCatalog } from '../../pipeline/catalog/index.ts';
import { listFiles, YAML_FILE } from '../../pipeline/catalog/files.ts';
import { repoRoot } from '../helpers/paths.ts';

test('the bundled catalog loads with no errors, and every descriptor makes it into the catalog', async () => {
  const { catalog, problems } = await loadCatalog(repoRoot);
  expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
  const datasetFiles = await listFiles(repoRoot, 'sources', YAML_FILE);
  const chartFiles = await listFiles(repoRoot, 'viz-specs', YAML_FILE);
  expect(catalog.datasets.map((d) => d.file).sort()).toEqual(datasetFiles);
  expect(catalog.charts.map((c) => c.file).sort()).toEqual(chartFiles);
  expect(Object.keys(catalog.settings.areas).length).toBeGreaterThan(0);
});
