import type { Clock } from '../core/ports.js';

/** The demo's clock: it stands still until the simulation moves it. */
export interface DemoClock extends Clock {
  set(instant: Date | number): void;
  advance(ms: number): void;
}

/** Called by the demo runner; every part of the demo reads time from it. */
export function createDemoClock(start: Date): DemoClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = typeof instant === 'number' ? instant : instant.getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}
