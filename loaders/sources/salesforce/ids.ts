const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * A Salesforce id in its 18-character form. Reports show 15-character case-sensitive ids, API exports the
 * 18-character case-insensitive form of the same record: the 3 added characters encode, for each block of
 * 5, which characters are upper-case letters. Anything that is not a 15-character id is kept as it is.
 */
export function id18(id: string | null): string | null {
  if (id === null) return null;
  const t = id.trim();
  if (!/^[a-zA-Z0-9]{15}$/.test(t)) return t === '' ? null : t;
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = t[block * 5 + i]!;
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return t + suffix;
}
