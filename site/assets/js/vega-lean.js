// The `vega` the browser bundle uses (esbuild aliases the package name to this file): the
// package's own entry (node_modules/vega/build/vega.module.js) without the transforms compiled
// Vega-Lite never emits (force, hierarchy, label, word cloud, crossfilter), about 90 KB less.
// Kept: everything Vega-Lite compiles to, geo (geoshape), regression/loess and voronoi (nearest).
// Plain JavaScript because the vega sub-packages ship no type declarations.
import { extend } from 'vega-util';
import { transforms } from 'vega-dataflow';
import * as tx from 'vega-transforms';
import * as vtx from 'vega-view-transforms';
import * as encode from 'vega-encode';
import * as geo from 'vega-geo';
import * as reg from 'vega-regression';
import * as voronoi from 'vega-voronoi';

export * from 'vega-util';
export { Dataflow, EventStream, MultiPulse, Operator, Parameters, Pulse, Transform, changeset, definition, ingest, isTuple, transform, transforms, tupleid } from 'vega-dataflow';
export * from 'vega-statistics';
export * from 'vega-time';
export * from 'vega-loader';
export * from 'vega-scenegraph';
export { interpolate, interpolateColors, interpolateRange, quantizeInterpolator, scale, scheme } from 'vega-scale';
export { projection } from 'vega-projection';
export { View } from 'vega-view';
export { defaultLocale, numberFormatDefaultLocale as formatLocale, locale, resetDefaultLocale, timeFormatDefaultLocale as timeFormatLocale } from 'vega-format';
export { expressionFunction } from 'vega-functions';
export { parse } from 'vega-parser';
export { context as runtimeContext } from 'vega-runtime';
export { codegenExpression, parseExpression } from 'vega-expression';
export { parseSelector } from 'vega-event-selector';

/* global __VEGA_VERSION__ */
export const version = __VEGA_VERSION__;

extend(transforms, tx, vtx, encode, geo, reg, voronoi);
