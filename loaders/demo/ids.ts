/**
 * Readable ids (`O-000001`, `R-01`). Within one run every id of a kind has the same width, so
 * ids sort the same as text and as numbers; the width grows only when the largest possible
 * count needs more digits (e.g. `O-1000000` at a million deals).
 */
export type IdFormat = (n: number) => string;

export function idFormat(prefix: string, minDigits: number, maxCount: number): IdFormat {
  const digits = Math.max(minDigits, String(Math.max(1, Math.ceil(maxCount))).length);
  return (n) => `${prefix}${String(n).padStart(digits, '0')}`;
}
