// Shopify's leaky bucket, one per app and shop: it refills continuously at the
// plan's restore rate up to its size; a query is admitted when the bucket
// holds its requested cost, and the unused part is given back afterwards.

export const MAX_SINGLE_QUERY_COST = 1000;
/** Bucket size is twenty seconds of restore (2,000 points for a 100/s plan). */
const BUCKET_SECONDS = 20;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBucket {
  private available: number;
  private updatedAt: number;
  readonly maximum: number;

  constructor(
    readonly restoreRate: number,
    private readonly now: () => number = Date.now,
  ) {
    this.maximum = restoreRate * BUCKET_SECONDS;
    this.available = this.maximum;
    this.updatedAt = now();
  }

  private refill(): void {
    const now = this.now();
    this.available = Math.min(this.maximum, this.available + ((now - this.updatedAt) / 1000) * this.restoreRate);
    this.updatedAt = now;
  }

  /** Takes `cost` points when available; false (nothing taken) when the bucket is short. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  giveBack(points: number): void {
    this.refill();
    this.available = Math.min(this.maximum, this.available + Math.max(0, points));
  }

  /** Empties the bucket: tests use it to provoke throttling without a storm of queries. */
  drain(): void {
    this.refill();
    this.available = 0;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximum,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
