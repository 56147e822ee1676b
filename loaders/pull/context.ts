import type { RetryPolicy } from './http.ts';

/** What a vendor pull needs: where to write, the environment holding credentials, and how to report. */
export interface PullContext {
  /** The staging folder (swapped into --out only when the pull succeeds). */
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly policy?: RetryPolicy;
  readonly progress: (object: string, records: number, pages: number) => void;
  readonly onWait: (ms: number, reason: string) => void;
}

/** A credential or setting is missing: the message names the variable and where its value comes from. */
export class MissingSetting extends Error {}

export function setting(ctx: PullContext, name: string, where: string, fallback?: string): string {
  const value = ctx.env[name] ?? fallback;
  if (value === undefined || value.trim() === '') throw new MissingSetting(`${name} is not set — ${where}`);
  return value.trim().replace(/\/+$/, '');
}
