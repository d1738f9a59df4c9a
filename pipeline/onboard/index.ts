// `citydash new dataset`: a descriptor and row schema for a new dataset, inferred from its
// file (`--from`), or a commented template to fill in.
export { onboardDataset, defaultId, OnboardError, PLACEHOLDER_DEPARTMENT, UNASSIGNED_DEPARTMENT, type Department, type OnboardOptions, type OnboardResult } from './onboard.ts';
export { parseFrom, type OnboardSource } from './source.ts';
export { type OnboardSummary } from './summary.ts';
export { newDatasetFiles, type NewDatasetFiles } from './template.ts';
export { descriptorHeader } from './descriptor-header.ts';
