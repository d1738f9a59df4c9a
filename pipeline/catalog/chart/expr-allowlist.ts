// What chart expressions may use. Vega's expression language can call any function its
// runtime registers; chart specs come from pull requests, so only pure functions that read
// the chart's own data are allowed: nothing that reads the page, the window or the network.

export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // type checks and coercion
  'isArray', 'isBoolean', 'isDate', 'isDefined', 'isNumber', 'isObject', 'isRegExp', 'isString', 'isValid',
  'toBoolean', 'toDate', 'toNumber', 'toString', 'if',
  // math
  'isNaN', 'isFinite', 'abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'clamp', 'cos', 'exp', 'floor', 'hypot',
  'log', 'max', 'min', 'pow', 'random', 'round', 'sin', 'sqrt', 'tan',
  'sampleNormal', 'cumulativeNormal', 'densityNormal', 'quantileNormal', 'sampleLogNormal', 'cumulativeLogNormal',
  'densityLogNormal', 'quantileLogNormal', 'sampleUniform', 'cumulativeUniform', 'densityUniform', 'quantileUniform',
  // dates and times
  'now', 'datetime', 'date', 'day', 'dayofyear', 'year', 'quarter', 'month', 'week', 'hours', 'minutes', 'seconds',
  'milliseconds', 'time', 'timezoneoffset', 'timeOffset', 'timeSequence', 'utc', 'utcdate', 'utcday', 'utcdayofyear',
  'utcyear', 'utcquarter', 'utcmonth', 'utcweek', 'utchours', 'utcminutes', 'utcseconds', 'utcmilliseconds',
  'utcOffset', 'utcSequence',
  // arrays and strings
  'extent', 'clampRange', 'indexof', 'inrange', 'join', 'lastindexof', 'length', 'lerp', 'peek', 'pluck', 'reverse',
  'sequence', 'slice', 'sort', 'span', 'lower', 'pad', 'parseFloat', 'parseInt', 'replace', 'split', 'substring',
  'trim', 'truncate', 'upper', 'merge',
  // formatting
  'dayFormat', 'dayAbbrevFormat', 'format', 'monthFormat', 'monthAbbrevFormat', 'timeUnitSpecifier', 'timeFormat',
  'timeParse', 'utcFormat', 'utcParse',
  // regular expressions and colours
  'regexp', 'test', 'rgb', 'hsl', 'lab', 'hcl', 'luminance', 'contrast',
  // the chart's own data and scales
  'data', 'indata', 'scale', 'invert', 'bandwidth', 'bandspace', 'domain', 'range', 'geoArea', 'geoBounds', 'geoCentroid',
]);

/** Variables Vega defines inside expressions, and its constants. */
export const KNOWN_NAMES: ReadonlySet<string> = new Set([
  'datum', 'event', 'item', 'parent', 'NaN', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'PI', 'SQRT1_2', 'SQRT2',
  'MIN_VALUE', 'MAX_VALUE', 'width', 'height', 'padding', 'autosize', 'background',
]);

/** Names that would reach outside the chart's data (prototype chain, page globals). */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'window', 'document', 'globalThis', 'self', 'top', 'frames', 'opener', 'location', 'navigator', 'localStorage',
  'sessionStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'WebSocket', 'Function', 'eval', 'process', 'require',
  'module', 'import', 'this', 'global', 'Reflect', 'Proxy', 'Object', 'setTimeout', 'setInterval',
]);
