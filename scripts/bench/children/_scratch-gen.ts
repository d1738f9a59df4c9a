import { writeBenchCatalog } from '../gen-catalog.ts';
import { loadCatalog } from '../../../pipeline/catalog/index.ts';
const g = await writeBenchCatalog(process.cwd(), '/tmp/bench-scratch/big', 20, 200);
const { catalog, problems } = await loadCatalog(g.root);
console.log(g, catalog.datasets.length, catalog.charts.length, problems.filter(p=>p.severity==='error').slice(0,5), problems.length);
