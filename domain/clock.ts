// Time is passed in: domain code never reads the wall clock. The server gets a Clock injected,
// so the simulator can share one virtual clock with it.

export interface Clock {
  /** Unix epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
