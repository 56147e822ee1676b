/**
 * When to start DuckDB-WASM before the first click. Fetching, compiling and attaching it takes over a
 * second, which the first filter change would otherwise wait for; on a desktop-class connection the page
 * pays it once it is idle, as the peers do before their first chart. Where the browser says data is
 * dear or slow, or the screen is a phone's (where most visits only glance), the engine still waits for
 * intent: a pointer over or focus in the filters.
 */

/** What the browser says of the connection (the Network Information API; Chromium only) and the screen. */
export interface DeviceHints {
  /** The user asked to save data (Save-Data). */
  readonly saveData: boolean;
  /** 'slow-2g' … '4g'; undefined where the browser does not say (then assumed fast). */
  readonly effectiveType: string | undefined;
  readonly smallScreen: boolean;
}

/** Below this width a screen counts as a phone's (Tailwind's `md`, where the layout changes too). */
const SMALL_SCREEN = '(max-width: 767px)';

export function warmsEarly(hints: DeviceHints): boolean {
  if (hints.saveData || hints.smallScreen) return false;
  return hints.effectiveType === undefined || hints.effectiveType === '4g';
}

interface NetworkInformation {
  readonly saveData?: boolean;
  readonly effectiveType?: string;
}

export function deviceHints(): DeviceHints {
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  return {
    saveData: connection?.saveData === true,
    effectiveType: connection?.effectiveType,
    smallScreen: matchMedia(SMALL_SCREEN).matches,
  };
}

/**
 * Runs `task` once the page has loaded and the main thread is idle, so the warm-up never competes with
 * the first paint or hydration. Returns a cancel for when the page goes away first.
 */
export function whenIdle(task: () => void): () => void {
  let handle: number | undefined;
  const schedule = () => {
    // Safari has no requestIdleCallback; a zero timeout after `load` is the next best moment there.
    handle =
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(task, { timeout: 2000 })
        : window.setTimeout(task);
  };
  if (document.readyState === 'complete') schedule();
  else addEventListener('load', schedule, { once: true });
  return () => {
    removeEventListener('load', schedule);
    if (handle === undefined) return;
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
    else clearTimeout(handle);
  };
}
