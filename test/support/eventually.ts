/** How long `eventually` reads, and what it says it waited for. */
export interface EventuallyOptions {
  /** Default 45 s. */
  timeoutMs?: number;
  /** What the wait is for, in words; default: the acceptance check's own source. */
  what?: string;
  /** Default 250 ms. */
  intervalMs?: number;
}

/**
 * Reads until the value is as wanted and returns it. When the time is up it fails, saying what it
 * waited for (the description given, else the check's own source, such as
 * `(items) => items.length === 0`) and the last value it read: a spec that times out names its
 * wait instead of failing later on an expectation about a stale value.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  options: number | EventuallyOptions = {},
): Promise<T> {
  const {
    timeoutMs = 45_000,
    what = sourceOf(ok),
    intervalMs = 250,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `waited ${(timeoutMs / 1000).toFixed(1)} s for ${what}; the last value read: ${shown(value)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function sourceOf(check: (value: never) => boolean): string {
  return oneLine(check.toString(), 300);
}

/** The value as JSON, a supertest response as its status and body, cut to a readable length. */
function shown(value: unknown): string {
  const readable =
    typeof value === 'object' && value !== null && 'status' in value && 'body' in value
      ? { status: value.status, body: value.body }
      : value;
  try {
    return oneLine(JSON.stringify(readable) ?? String(readable), 1500);
  } catch {
    return oneLine(String(readable), 1500);
  }
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
