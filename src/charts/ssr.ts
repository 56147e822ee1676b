import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Draws a chart to SVG text at build time. linkedom gives Plot a `document`; Plot sets every label
 * through DOM text nodes, so CRM strings in the output are escaped by the serializer, not by us.
 */
export function renderSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return Plot.plot({ ...options, document }).outerHTML;
}
