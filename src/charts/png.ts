import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import resvgModule from '@resvg/resvg-js';

const { Resvg } = resvgModule;

/** The Japanese font the PNG charts are set in: Noto Sans JP (SIL OFL 1.1) from the `@embedpdf/fonts-jp` package. */
export const CHART_FONT_FAMILY = 'Noto Sans JP';

/** The font files shipped by the registry package (no system font needed, so CI renders the same). */
export function chartFontFiles(): string[] {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-jp');
  const fonts = join(dirname(entry), '..', 'fonts');
  return [join(fonts, 'NotoSansJP-Regular.otf'), join(fonts, 'NotoSansJP-Bold.otf')];
}

/**
 * An SVG (from `renderChartSvg`) as a PNG, on white, at `scale` (2 keeps text sharp on phones).
 * Every generic family maps to the bundled Japanese font, so labels never fall back to tofu.
 * Throws when the SVG cannot be read or the font is missing: the caller decides what to do.
 */
export function svgToPng(svg: string, scale = 2, fontFiles: readonly string[] = chartFontFiles()): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      fontFiles: [...fontFiles],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
      serifFamily: CHART_FONT_FAMILY,
      monospaceFamily: CHART_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}
