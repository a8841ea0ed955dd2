/** What one audit row says about a client's refused requests in one minute. */
export interface RefusalSummary {
  address: string;
  /** Start of the minute (UTC). */
  minute: Date;
  count: number;
  /** Distinct reasons with their counts, most frequent first. */
  reasons: { reason: string; count: number }[];
  /** The first few routes asked for. */
  sampleRoutes: string[];
}

export interface TallyLimits {
  /** Distinct addresses kept per minute; the rest are counted under OTHER_ADDRESSES. */
  addressesPerMinute: number;
  /** Distinct reasons kept per bucket; the rest count as "other reasons". */
  reasonsPerBucket: number;
  routesPerBucket: number;
}

export const OTHER_ADDRESSES = '(other addresses)';
const OTHER_REASONS = '(other reasons)';
const MINUTE_MS = 60_000;
const TEXT_LIMIT = 160;

const DEFAULT_LIMITS: TallyLimits = {
  addressesPerMinute: 1000,
  reasonsPerBucket: 5,
  routesPerBucket: 3,
};

interface Bucket {
  address: string;
  minute: number;
  count: number;
  reasons: Map<string, number>;
  routes: string[];
}

/**
 * Counts refused requests per client address and minute, in memory and bounded: a flood of
 * anonymous requests costs a map update each, and one summary per (address, minute) later.
 */
export class RefusalTally {
  private readonly buckets = new Map<string, Bucket>();
  private readonly addressesByMinute = new Map<number, number>();

  constructor(private readonly limits: TallyLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.buckets.size;
  }

  add(address: string, route: string, reason: string, atMs: number): void {
    const minute = atMs - (atMs % MINUTE_MS);
    const bucket = this.bucketFor(address, minute);
    bucket.count += 1;
    const why = reason.slice(0, TEXT_LIMIT);
    if (bucket.reasons.has(why) || bucket.reasons.size < this.limits.reasonsPerBucket) {
      bucket.reasons.set(why, (bucket.reasons.get(why) ?? 0) + 1);
    } else {
      bucket.reasons.set(OTHER_REASONS, (bucket.reasons.get(OTHER_REASONS) ?? 0) + 1);
    }
    const where = route.slice(0, TEXT_LIMIT);
    if (bucket.routes.length < this.limits.routesPerBucket && !bucket.routes.includes(where)) {
      bucket.routes.push(where);
    }
  }

  /** Removes and returns the summaries of minutes that have ended by `nowMs`. */
  takeClosed(nowMs: number): RefusalSummary[] {
    const current = nowMs - (nowMs % MINUTE_MS);
    return this.take((bucket) => bucket.minute < current);
  }

  /** Removes and returns every summary, the current minute's too (on shutdown). */
  takeAll(): RefusalSummary[] {
    return this.take(() => true);
  }

  private bucketFor(address: string, minute: number): Bucket {
    const existing = this.buckets.get(`${minute}|${address}`);
    if (existing) return existing;
    const addresses = this.addressesByMinute.get(minute) ?? 0;
    const kept = addresses < this.limits.addressesPerMinute ? address : OTHER_ADDRESSES;
    const key = `${minute}|${kept}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { address: kept, minute, count: 0, reasons: new Map(), routes: [] };
      this.buckets.set(key, bucket);
      if (kept !== OTHER_ADDRESSES) this.addressesByMinute.set(minute, addresses + 1);
    }
    return bucket;
  }

  private take(which: (bucket: Bucket) => boolean): RefusalSummary[] {
    const taken: RefusalSummary[] = [];
    for (const [key, bucket] of this.buckets) {
      if (!which(bucket)) continue;
      this.buckets.delete(key);
      taken.push({
        address: bucket.address,
        minute: new Date(bucket.minute),
        count: bucket.count,
        reasons: [...bucket.reasons]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count),
        sampleRoutes: bucket.routes,
      });
    }
    for (const minute of [...this.addressesByMinute.keys()]) {
      if (![...this.buckets.values()].some((bucket) => bucket.minute === minute)) {
        this.addressesByMinute.delete(minute);
      }
    }
    return taken.sort((a, b) => a.minute.getTime() - b.minute.getTime());
  }
}
