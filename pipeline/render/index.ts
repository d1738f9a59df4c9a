// The render stage's public surface.
export { chartsInFlight, createRenderer, type RenderedChart, type Renderer, type RendererOptions, type RenderStats } from './renderer.ts';
export { draftAlt } from './alt-draft.ts';
export { guTileGrid, guChoropleth, mergeOverTemplate, type GuMapOptions } from './gu-map.ts';
export { ChartRenderError, BoundaryDataError } from './errors.ts';
export { themeConfig, OKABE_ITO } from './theme.ts';
export { FONT_STACK, pretendardFiles } from './fonts.ts';
export { frameSvg, measureOf, wrap, type DownloadFrame } from './frame.ts';
export { altRoles } from './alt-roles.ts';
export { deepMerge } from './merge.ts';
