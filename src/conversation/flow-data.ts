import { z } from 'zod';
import type { FlowState } from './stores/dialogue-state-store.ts';

/** A flow state kept inside another (the step to give back after a milestone note), read as any state. */
export const storedFlowState = z.object({
  flow: z.string(),
  step: z.string(),
  data: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<FlowState>;

/** The schema of each flow's stored data, by flow name. */
export type FlowDataSchemas = Record<string, z.ZodType<Record<string, unknown>>>;

/**
 * A flow's data, typed. The state was read by `readFlowState`, which dropped it if it did not
 * parse: a failure here is a flow handed a state it did not read, a bug to hear of.
 */
export function flowData<T extends Record<string, unknown>>(schema: z.ZodType<T>, state: FlowState): T {
  return schema.parse(state.data);
}
