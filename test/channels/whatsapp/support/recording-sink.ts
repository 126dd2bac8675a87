import type { DeliveryStatusUpdate, InboundEvent } from '../../../../src/domain/inbound-event.ts';
import type { InboundSink, MalformedInbound, RecordResult } from '../../../../src/channels/inbound-sink.ts';

/** An InboundSink that keeps what it is given and deduplicates like the real one; it can be made to fail. */
export class RecordingSink implements InboundSink {
  /** Every batch passed to record, redeliveries included. */
  readonly batches: InboundEvent[][] = [];
  readonly statusBatches: DeliveryStatusUpdate[][] = [];
  /** Events stored once each, by platformEventId. */
  readonly stored = new Map<string, InboundEvent>();
  failure: Error | undefined;

  get events(): InboundEvent[] {
    return this.batches.flat();
  }

  get statuses(): DeliveryStatusUpdate[] {
    return this.statusBatches.flat();
  }

  record = async (events: InboundEvent[]): Promise<RecordResult> => {
    if (this.failure) throw this.failure;
    this.batches.push(events);
    let recorded = 0;
    for (const event of events) {
      if (this.stored.has(event.platformEventId)) continue;
      this.stored.set(event.platformEventId, event);
      recorded += 1;
    }
    return { recorded, duplicates: events.length - recorded, rejected: 0 };
  };

  recordStatuses = async (updates: DeliveryStatusUpdate[]): Promise<void> => {
    if (this.failure) throw this.failure;
    this.statusBatches.push(updates);
  };

  /** What was set aside, as unreadable. */
  readonly setAsideItems: MalformedInbound[] = [];

  setAside = async (items: MalformedInbound[]): Promise<void> => {
    if (this.failure) throw this.failure;
    this.setAsideItems.push(...items);
  };
}
