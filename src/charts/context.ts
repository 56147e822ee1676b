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

/**
 * A value axis's tick count, and the same count for `nice`: Plot then extends the domain to a whole
 * tick step, so the last tick lies at or beyond every mark — the tallest bar, a target above it, an
 * average, a whisker. With default ticks such a mark could sit past the last labelled value.
 */
export function valueTicks(lengthPx: number, spacingPx: number): { readonly ticks: number; readonly nice: number } {
  const ticks = Math.max(2, Math.floor(lengthPx / spacingPx));
  return { ticks, nice: ticks };
}

/**
 * valueTicks for an axis whose marks reach `values` (every bar end, target, average it draws). When they
 * are all 0 — nothing won yet, deals without amounts — the axis is 0 to 1 with only its 0 tick: Plot
 * would spread a zero-width domain over the whole axis and draw every 0 as a full-length bar.
 */
export function valueAxis(
  values: Iterable<number | null | undefined>,
  lengthPx: number,
  spacingPx: number,
):
  | { readonly ticks: number; readonly nice: number }
  | { readonly domain: readonly [number, number]; readonly ticks: readonly number[] } {
  for (const v of values) if (v !== null && v !== undefined && v !== 0) return valueTicks(lengthPx, spacingPx);
  return { domain: [0, 1], ticks: [0] };
}

/** Estimated width of a label at 12 px: CJK characters are about twice as wide as Latin ones. */
const charWidth = (ch: string): number => (ch.charCodeAt(0) > 0x2e80 ? 12 : 7);
const labelWidth = (label: string): number => [...label].reduce((w, ch) => w + charWidth(ch), 0);

/** The widest a band label's margin gets: 200 px, less on a narrow chart so a phone still sees its bars. */
export const labelCap = (chartWidth: number): number => Math.min(200, Math.round(chartWidth * 0.38));

/** Left margin that fits the longest band label, up to `cap`. */
export function labelMargin(labels: readonly string[], cap = 200): number {
  const widest = labels.reduce((max, label) => Math.max(max, labelWidth(label)), 0);
  return Math.min(cap, Math.ceil(widest) + 12);
}

/** A band label cut with an ellipsis to what fits a margin of `cap`, so long campaign names never run off the chart. */
export function fitLabel(label: string, cap = 200): string {
  let out = '';
  let width = 0;
  for (const ch of label) {
    width += charWidth(ch);
    if (width > cap - 20) return `${out}…`;
    out += ch;
  }
  return out;
}
