import type { AnyJobDefinition } from './job-definition.ts';
import { purgeInboundPayloads } from './purge-inbound-payloads.ts';

/** Every job the worker process runs. */
export const ALL_JOBS: AnyJobDefinition[] = [purgeInboundPayloads];
