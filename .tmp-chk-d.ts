import { loadCatalog, formatProblem } from './pipeline/catalog/index.ts';
const t = Date.now();
const { catalog, problems } = await loadCatalog('.');
console.log(Date.now() - t, 'ms', catalog.datasets.length, catalog.charts.length);
for (const p of problems) console.log(formatProblem(p));
