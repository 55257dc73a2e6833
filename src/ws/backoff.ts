/**
 * Reconnect timing of the monitors (SPEC.md, "Monitors"): 1 s doubling to 30 s, with jitter
 * so that many clients dropped at once do not come back in lockstep.
 *
 * @module
 */

/** Timing knobs of the reconnect loop; defaults are the product's. */
export interface BackoffOptions {
  /** First delay in ms; 1000 by default. */
  baseMs?: number;
  /** Longest delay in ms; 30 000 by default. */
  capMs?: number;
}

/** First reconnect delay. */
export const RECONNECT_BASE_MS = 1_000;
/** Longest reconnect delay. */
export const RECONNECT_CAP_MS = 30_000;

/**
 * The delay before reconnect number `failures` (0 for the first): `base · 2^failures`,
 * capped, then spread by ±20 % (`random` in [0, 1); 0.5 gives the exact value), never above
 * the cap.
 */
export function reconnectDelay(
  failures: number,
  random: number,
  options: BackoffOptions = {},
): number {
  const base = options.baseMs ?? RECONNECT_BASE_MS;
  const cap = options.capMs ?? RECONNECT_CAP_MS;
  const exact = Math.min(cap, base * 2 ** Math.min(failures, 30));
  return Math.round(Math.min(cap, exact * (0.8 + 0.4 * random)));
}
