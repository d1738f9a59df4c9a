// PNG for downloads and social cards, drawn from the same SVG with Pretendard (regular and
// bold) from node_modules, no system fonts, so the image is the same on every machine and
// Hangul never falls back to boxes.
import { rasterize } from './png-pool.ts';
import { FONT_FAMILY, pretendardFiles } from './fonts.ts';

export const PNG_SCALE = 2;

export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Uint8Array> {
  const files = pretendardFiles();
  // only Pretendard is loaded; naming just it spares resvg a failed lookup of every fallback
  // family for each text element (about half the rasterising time of a labelled chart)
  const source = svg.replace(/\sfont-family="[^"]*"/g, ` font-family="${FONT_FAMILY}"`);
  return rasterize(source, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: [files.regular, files.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    logLevel: 'off',
  });
}
