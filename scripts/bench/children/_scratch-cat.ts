import { writeIngestCatalog } from '../ingest-catalog.ts';
await writeIngestCatalog(process.cwd(), '/tmp/bench-scratch/cat');
