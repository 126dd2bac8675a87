import type { InboundEvent } from '../../../src/domain/inbound-event.ts';
import type { InboundSink, MalformedInbound, RecordResult } from '../../../src/channels/inbound-sink.ts';

/** An InboundSink in memory that deduplicates as the real one does, and can be made to fail. */
export class MemorySink implements InboundSink {
  readonly events: InboundEvent[] = [];
  /** Every call to `record`, failed or not, in order. */
  readonly attempts: InboundEvent[][] = [];
  /** While true, `record` throws, as when PostgreSQL is down. */
  down = false;
  /** Called after each successful record, to observe ordering. */
  onRecorded: () => void = () => {};

  async record(events: InboundEvent[]): Promise<RecordResult> {
    this.attempts.push(events);
    if (this.down) throw new Error('storage is down');
    let recorded = 0;
    for (const event of events) {
      if (this.events.some((e) => e.channel === event.channel && e.platformEventId === event.platformEventId)) continue;
      this.events.push(event);
      recorded += 1;
    }
    this.onRecorded();
    return { recorded, duplicates: events.length - recorded, rejected: 0 };
  }

  async recordStatuses(): Promise<void> {}

  /** What was set aside, as unreadable. */
  readonly setAsideItems: MalformedInbound[] = [];

  async setAside(items: MalformedInbound[]): Promise<void> {
    if (this.down) throw new Error('storage is down');
    this.setAsideItems.push(...items);
  }
}
