import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/translate.ts';

/** What every chart needs besides its rows: the one formatter and the interface language. */
export interface ChartContext {
  readonly fmt: Format;
  readonly t: Translate;
  /** The reporting currency code, or '' when the export has none. */
  readonly currency: string;
  /** Drawing width in px; the SVG scales with its box, this only decides how much fits. */
  readonly width: number;
}

/** Bar colours readable on both the light and the dark background. */
export const COLORS = { primary: '#6366f1', secondary: '#38bdf8', target: '#f59e0b', muted: '#94a3b8' } as const;

/** Series colours in order (up to six series, e.g. the five ageing buckets), each distinct on both backgrounds. */
export const SERIES = [COLORS.primary, COLORS.secondary, COLORS.muted, COLORS.target, '#ef4444', '#10b981'] as const;

/** Width of the prerendered charts: half the content column on a laptop, or all of it for a wide chart. */
export const PRERENDER_WIDTH = 640;
export const PRERENDER_WIDE = 1000;

/** Left margin that fits the longest band label; CJK characters are about twice as wide as Latin ones. */
export function labelMargin(labels: readonly string[]): number {
  const widest = labels.reduce((max, label) => {
    const width = [...label].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 12 : 6.5), 0);
    return Math.max(max, width);
  }, 0);
  return Math.min(200, Math.ceil(widest) + 12);
}

/** A band label cut with an ellipsis to what fits `labelMargin`'s cap, so long campaign names never run off the chart. */
export function fitLabel(label: string, maxWidth = 188): string {
  let width = 0;
  let out = '';
  for (const ch of label) {
    width += ch.charCodeAt(0) > 0x2e80 ? 12 : 6.5;
    if (width > maxWidth - 8) return `${out}…`;
    out += ch;
  }
  return out;
}
