import type { ViewState } from '../state/viewState.ts';

/**
 * When to start DuckDB-WASM before the first click. Fetching, compiling and attaching it takes over a
 * second, which the first filter change would otherwise wait for; on a desktop-class connection the page
 * pays it once it is idle, as the peers do before their first chart. Where the browser says data is
 * dear or slow, or the screen is a phone's (where most visits only glance), the engine still waits for
 * intent: a pointer over or focus in the filters.
 */

/**
 * The views the warm-up runs after the one on screen: the same page and filters, one region at a time,
 * without the drill-down (a deal list reads deal rows, megabytes a view of rollups does not). Chromium
 * first runs DuckDB-WASM's code unoptimised (Liftoff) and optimises a function only once it has run
 * enough: at 1M deals the overview's four queries took ~55 ms per filter change for the first ~40
 * changes and ~17 ms from ~60 on (the same with `--js-flags=--no-liftoff` from the start, ~23 ms). These
 * runs do that work before the first click; their answers are dropped, not kept for later views.
 */
export function exerciseViews(regions: readonly string[], shown: ViewState): ViewState[] {
  const base: ViewState = { ...shown, stage: undefined, deal: undefined, page: 1 };
  return regions.map((region) => ({ ...base, filters: { ...base.filters, region: [region] } }));
}

/** How long and how many views the warm-up runs at most: ~60 views optimised the overview's code, ~3 s at 1M. */
export const EXERCISE_MS = 3000;
export const EXERCISE_VIEWS = 64;

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
