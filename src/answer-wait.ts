/**
 * How long a command's answer may take before the caller is shown "crunching the numbers" and the
 * answer replaces it when it comes. Well inside Slack's 3 s, after which a silent slash command looks
 * broken; a quick answer (almost every one) comes before it and is sent alone.
 */
export const INTERIM_AFTER_MS = 1000;

/**
 * Whether `answer` settles (either way) within `ms`. Only an answer computed off this thread (the
 * answer thread) can be late: one computed here holds the event loop, and settles before the timer
 * can fire. Used by both adapters' command paths.
 */
export async function settlesWithin(answer: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([answer.then(settled, settled), late]);
  } finally {
    clearTimeout(timer);
  }
}

const settled = (): true => true;
