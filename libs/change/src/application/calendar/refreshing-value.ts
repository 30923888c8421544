/**
 * A value loaded on first use and loaded again once older than `ttlMs` (by the injected clock),
 * one load at a time: what a replica keeps in memory of records other replicas also write.
 */
export class RefreshingValue<T> {
  private current: { readonly value: T; readonly at: number } | undefined;
  private loading: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {}

  /** The value, loaded or reloaded when missing or stale. */
  get(): Promise<T> {
    const now = this.now();
    if (this.current !== undefined && now - this.current.at < this.ttlMs) return Promise.resolve(this.current.value);
    this.loading ??= this.load()
      .then((value) => {
        this.current = { value, at: now };
        return value;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** The loaded value, if any (to apply this replica's own writes to it at once). */
  peek(): T | undefined {
    return this.current?.value;
  }
}
