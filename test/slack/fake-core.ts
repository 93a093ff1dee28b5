import type { HirobaCore } from '../../src/core/ports.js';

/** One call the adapter made into the core, with what came back (or what was thrown). */
export interface CoreCall {
  method: keyof HirobaCore;
  args: unknown[];
  result?: unknown;
  error?: unknown;
}

/**
 * A recording `HirobaCore` around any other one (the real service in the end-to-end tests): every
 * call and its answer is kept, so a test can see exactly what the adapter handed over, and any method
 * can be replaced (to make the core fail, or answer something the real one would not).
 */
export function recordingCore(
  inner: HirobaCore,
  overrides: Partial<HirobaCore> = {},
): { core: HirobaCore; calls: CoreCall[] } {
  const calls: CoreCall[] = [];
  const methods = Object.keys(inner) as Array<keyof HirobaCore>;
  const core = {} as Record<keyof HirobaCore, unknown>;
  for (const method of methods) {
    core[method] = (...args: unknown[]) => {
      const call: CoreCall = { method, args };
      calls.push(call);
      const target = (overrides[method] ?? inner[method]) as (...a: unknown[]) => unknown;
      try {
        const result = target(...args);
        if (result instanceof Promise) {
          return result.then(
            (value: unknown) => {
              call.result = value;
              return value;
            },
            (error: unknown) => {
              call.error = error;
              throw error;
            },
          );
        }
        call.result = result;
        return result;
      } catch (error) {
        call.error = error;
        throw error;
      }
    };
  }
  return { core: core as HirobaCore, calls };
}

/** The calls of one method. */
export function callsOf(calls: CoreCall[], method: keyof HirobaCore): CoreCall[] {
  return calls.filter((c) => c.method === method);
}

/** What the core answered for every activity, in order, whether recorded one by one or in a burst. */
export function recordResults(calls: CoreCall[]): unknown[] {
  return calls.flatMap((c) => {
    if (c.method === 'recordActivity') return [c.result];
    if (c.method === 'recordActivities') return Array.isArray(c.result) ? c.result : [];
    return [];
  });
}
