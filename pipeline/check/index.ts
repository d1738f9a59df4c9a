// `citydash check`: lint everything a pull request can touch, report every problem in one
// run (`path:line:col: message` + hint), list what changed and preview changed charts.
export { checkCatalog } from './check-catalog.ts';
export { formatText } from './report-text.ts';
export { formatMarkdown } from './report-markdown.ts';
export { SPEC_LIMITS } from '../catalog/index.ts';
export { ALLOWED_FUNCTIONS } from '../catalog/index.ts';
export type { CatalogChanges, ChangeList, ChartPreview, CheckOptions, CheckResult, PreviewImage } from './types.ts';
export { newChartYaml } from './new-chart.ts';
