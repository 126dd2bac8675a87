import { deliverOutbound } from './deliver-outbound.ts';
import { fanOutBroadcast } from './fan-out-broadcast.ts';
import { handleInbound } from './handle-inbound.ts';
import type { AnyJobDefinition } from './job-definition.ts';
import { purgeInboundPayloads } from './purge-inbound-payloads.ts';
import { sweepPending } from './sweep-pending.ts';
import { planSubmissions } from './plan-submissions.ts';
import { releaseDue } from './release-due.ts';
import { remindDue } from './remind-due.ts';

/** Every job the worker process runs. */
export const ALL_JOBS: AnyJobDefinition[] = [
  handleInbound,
  deliverOutbound,
  fanOutBroadcast,
  planSubmissions,
  releaseDue,
  remindDue,
  sweepPending,
  purgeInboundPayloads,
];
