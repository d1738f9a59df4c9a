// Parts of vega's public runtime API that its TypeScript typings leave out.
import * as vega from 'vega';
import type { ChartLocale } from './locale.ts';

export interface TextMetrics {
  width: (item: Record<string, unknown>, text: unknown) => number;
}

/** Formatters of one vega locale (vega-format's `locale(number, time)`). */
export interface Formatters {
  format(spec: string): (n: number) => string;
  utcFormat(spec: string): (d: Date | number) => string;
}

const extras = vega as unknown as {
  textMetrics: TextMetrics;
  locale: (number: object, time: object) => Formatters;
};

export const textMetrics: TextMetrics = extras.textMetrics;

export function formatters(loc: ChartLocale): Formatters {
  return extras.locale(loc.number, loc.time);
}
