/** The API refused the credentials: retrying cannot help, the user must act. */
export class AuthError extends Error {}

/** Any other answer that is not a success after the retries, with what the API said. */
export class ApiError extends Error {}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly attempts: number;
  /** Base of the exponential backoff, milliseconds. */
  readonly baseMs: number;
  /** No single wait is longer (a Retry-After beyond it fails the pull instead of hanging it). */
  readonly maxWaitMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_POLICY: RetryPolicy = { attempts: 6, baseMs: 500, maxWaitMs: 120_000, timeoutMs: 60_000 };

/** Retry-After as seconds or an HTTP date → milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface HttpClientOptions {
  readonly vendor: string;
  /** What a refused token means for this vendor: where to get a new one. */
  readonly authHint: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly policy?: RetryPolicy;
  readonly onWait?: (ms: number, reason: string) => void;
  /** Removes secrets (a token in a query string) from URLs shown in messages. */
  readonly redact?: (url: string) => string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * GET JSON with the behaviour every vendor asks of clients: on 429 and 5xx wait (the server's Retry-After,
 * else exponential backoff with jitter) and try again; on 401/403 stop at once with what to do.
 */
export function httpClient(o: HttpClientOptions): (url: string) => Promise<unknown> {
  const policy = o.policy ?? DEFAULT_POLICY;
  const show = o.redact ?? ((u: string) => u);
  return async (url: string) => {
    let last = '';
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { accept: 'application/json', ...o.headers },
          signal: AbortSignal.timeout(policy.timeoutMs),
        });
      } catch (error) {
        last = `${(error as Error).message} (${(error as { cause?: { code?: string } }).cause?.code ?? 'network'})`;
        if (attempt < policy.attempts) await wait(attempt, null, `network error: ${last}`);
        continue;
      }
      if (response.ok) return response.json();
      const body = (await response.text()).slice(0, 300);
      if (response.status === 401 || response.status === 403) {
        throw new AuthError(
          `${o.vendor} refused the credentials (HTTP ${response.status} on ${show(url)}): ${body} — ${o.authHint}`,
        );
      }
      last = `HTTP ${response.status}: ${body}`;
      if ((response.status === 429 || response.status >= 500) && attempt < policy.attempts) {
        await wait(
          attempt,
          retryAfterMs(response.headers.get('retry-after')),
          response.status === 429 ? 'rate limited (429)' : `server error ${response.status}`,
        );
        continue;
      }
      throw new ApiError(`${o.vendor} answered ${show(url)} with ${last}`);
    }
    throw new ApiError(
      `${o.vendor} did not answer ${show(url)} after ${policy.attempts} attempts (${last}) — try again later`,
    );
  };

  async function wait(attempt: number, serverMs: number | null, reason: string): Promise<void> {
    const backoff = policy.baseMs * 2 ** (attempt - 1) * (0.5 + Math.random());
    const ms = serverMs ?? backoff;
    if (ms > policy.maxWaitMs)
      throw new ApiError(
        `${o.vendor} asked to wait ${Math.round(ms / 1000)} s (${reason}), longer than ${Math.round(policy.maxWaitMs / 1000)} s — try again later`,
      );
    o.onWait?.(ms, reason);
    await sleep(ms);
  }
}
