/** Problems are values until the CLI prints them: `file:line: column: what is wrong — what to do`. */
export interface Problem {
  readonly file: string;
  /** 1-based, the header is line 1; null for problems about a whole file set. */
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
  readonly hint: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}`;
  return `${where}: ${p.column === null ? '' : `${p.column}: `}${p.message} — ${p.hint}`;
}

/**
 * Collects errors and warnings, keeping at most `perFile` of each kind per file so a file with a
 * systematic fault (a wrong date format on every row) does not flood the terminal; the rest are counted.
 */
export class ProblemLog {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  private readonly counts = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();
  private warned = 0;

  constructor(private readonly perFile = 50) {}

  error(p: Problem): void {
    this.add('error', p, this.errors);
  }

  warn(p: Problem): void {
    this.warned++;
    this.add('warning', p, this.warnings);
  }

  /** Every warning, shown or not (the manifest records this count). */
  get warningCount(): number {
    return this.warned;
  }

  private add(kind: string, p: Problem, list: Problem[]): void {
    const key = `${kind}|${p.file}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    if (n <= this.perFile) list.push(p);
    else {
      // Counted per column too, so a summary says which kind of problem the hidden ones are.
      const hidden = `${key}|${p.column ?? ''}`;
      this.suppressed.set(hidden, (this.suppressed.get(hidden) ?? 0) + 1);
    }
  }

  hasErrors(): boolean {
    return this.errors.length > 0;
  }

  /** Lines like "opportunities.csv: amount: 120 more errors not shown", for the CLI's summary. */
  suppressedSummary(): string[] {
    return [...this.suppressed].map(([key, n]) => {
      const [kind, file, column] = key.split('|');
      return `${file}: ${column ? `${column}: ` : ''}${n} more ${kind}s not shown`;
    });
  }
}

/** The lines a summary warning points at: the first ten, then "…" (`lines 2, 5, 9, …`). */
export function lineList(lines: readonly (number | null)[]): string {
  return `lines ${lines
    .slice(0, 10)
    .map((l) => l ?? '?')
    .join(', ')}${lines.length > 10 ? ', …' : ''}`;
}
