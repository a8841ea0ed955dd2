/** Wall-clock milliseconds; injected so that specs can move time by hand. */
export type Clock = () => number;

/**
 * Sign-in limits and refusal tallies run on the system clock, never the business clock: a test
 * broker's clock may jump months ahead, security windows may not.
 */
export const IDENTITY_CLOCK = Symbol('IDENTITY_CLOCK');

export const systemClock: Clock = () => Date.now();
