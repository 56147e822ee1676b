/** Amounts are kept in whole cents so invoice splits and partial payments add up exactly. */
export function formatCents(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}
