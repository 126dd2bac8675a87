interface Waiting<T, R> {
  items: T[];
  resolve: (results: R[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items handed in while earlier flushes are running wait and go together in the
 * next flush, so one transaction carries the items of many concurrent requests. An idle system
 * flushes at once (no added latency); a busy one makes fewer, larger transactions.
 * `flush` must return one result per item, in order. With `key` (the items' unique key, the
 * one the flush writes by), `flush` gets them sorted by it: two flushes running at once then
 * write those rows in the same order (rows they lock besides are the flush's own business).
 */
export function createGroupCommit<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  options: { maxBatch: number; maxInFlight: number; key?: (item: T) => string },
): (items: T[]) => Promise<R[]> {
  const waiting: Waiting<T, R>[] = [];
  let inFlight = 0;
  const { key } = options;

  const flushSorted = async (items: T[]): Promise<R[]> => {
    if (!key) return flush(items);
    const order = items
      .map((item, index) => ({ key: key(item), index }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
    const sorted = await flush(order.map(({ index }) => items[index]!));
    const results: R[] = new Array<R>(items.length);
    order.forEach(({ index }, position) => (results[index] = sorted[position]!));
    return results;
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch: Waiting<T, R>[] = [];
      let size = 0;
      while (waiting.length > 0 && (size === 0 || size + waiting[0]!.items.length <= options.maxBatch)) {
        const next = waiting.shift()!;
        batch.push(next);
        size += next.items.length;
      }
      inFlight++;
      flushSorted(batch.flatMap((entry) => entry.items))
        .then(
          (results) => {
            let offset = 0;
            for (const entry of batch) {
              entry.resolve(results.slice(offset, offset + entry.items.length));
              offset += entry.items.length;
            }
          },
          (error: unknown) => {
            for (const entry of batch) entry.reject(error);
          },
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };

  return (items) =>
    new Promise<R[]>((resolve, reject) => {
      waiting.push({ items, resolve, reject });
      pump();
    });
}
