// Vega writes coordinates with full float precision; a choropleth's paths then weigh ~170 KB.
// A tenth of a pixel in path data and a hundredth elsewhere are invisible even in the 2x PNG,
// and cut what every page inlines.

function rounder(digits: number): (n: string) => string {
  return (n) => {
    const r = Number(Number(n).toFixed(digits));
    return Object.is(r, -0) ? '0' : String(r);
  };
}

const NUMBER = /-?\d*\.\d{2,}(?:e[-+]?\d+)?/gi;

export function compactSvg(svg: string): string {
  return svg.replace(/\s(d|transform|points|x|y|x1|y1|x2|y2|width|height)="([^"]*)"/g, (_, attr: string, value: string) =>
    ` ${attr}="${value.replace(NUMBER, rounder(attr === 'd' ? 1 : 2))}"`,
  );
}
