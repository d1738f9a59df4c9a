// The site stage's entrance: what code outside pipeline/site/ may use.
export { buildSite, checkSiteOutput } from './build.ts';
export { siteColumns } from './columns.ts';
export { cycleSummary } from './cycle-describe.ts';
export { changesModel, freshnessModel } from './cycle-model.ts';
export { cycleMarkdown, rangeMarkdown, rangeText } from './cycle-text.ts';
export { computeIndicator } from './indicator.ts';
export { readSiteInputs } from './inputs.ts';
export { type SiteChanges, type SiteFreshness } from './model-types.ts';
export { assembleSiteModel } from './model.ts';
export { readRows } from './rows.ts';
export { startStaticServer } from './static-server.ts';
export { downloadFrame } from './download-frame.ts';
export { readDataThrough } from './data-dates.ts';
