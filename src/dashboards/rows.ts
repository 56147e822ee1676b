/**
 * Reshaping rows the metric SQL already returned: grouping, sums per key, orders by total. Every number
 * still comes from a view; these only regroup its rows for a chart or table.
 *
 * Not arquero: it compiles each verb (even `groupby`, `slice`) with the `Function` constructor, so a page
 * using it needs `script-src 'unsafe-eval'`, which a strict Content-Security-Policy must not grant
 * (uwdata/arquero#361). These run at build and in the browser alike.
 */

/** Rows grouped by a key, groups and rows in the order first seen. */
export function groupBy<R, K>(rows: Iterable<R>, keyOf: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** The sum of a figure over rows. */
export const sum = <R>(rows: Iterable<R>, valueOf: (row: R) => number): number => {
  let total = 0;
  for (const row of rows) total += valueOf(row);
  return total;
};

/** Sums of several figures per key, keys in the order first seen. */
export function sumsBy<R, F extends string>(
  rows: Iterable<R>,
  keyOf: (row: R) => string,
  figures: { readonly [N in F]: (row: R) => number },
): Map<string, Record<F, number>> {
  const names = Object.keys(figures) as F[];
  return new Map(
    [...groupBy(rows, keyOf)].map(([key, group]) => [
      key,
      Object.fromEntries(names.map((name) => [name, sum(group, figures[name])])) as Record<F, number>,
    ]),
  );
}

/** The distinct keys ordered by their summed figure, largest first, ties by key. */
export function keysByTotal<R>(rows: Iterable<R>, keyOf: (row: R) => string, valueOf: (row: R) => number): string[] {
  return [...groupBy(rows, keyOf)]
    .map(([key, group]) => ({ key, total: sum(group, valueOf) }))
    .sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((g) => g.key);
}
