import type { ChannelName } from '../domain/inbound-event.ts';

/** A channel's send limit: at most `max` messages per `duration` ms, across every worker. */
export interface SendLimit {
  max: number;
  duration: number;
}

/**
 * Sends on a rate-limited channel are spaced evenly, a little more than the limit allows (3%):
 * the platform counts its own seconds, and a send reaches it a few ms after its instant.
 */
const PACE_MARGIN = 1.03;
/**
 * Spacing below this (a limit above about 10,000 messages/s) is no limit worth a round trip to
 * Redis per message: such a channel is treated as having none.
 */
const MIN_PACE_MS = 0.1;

/** Time between two sends on a channel with this limit; 0 when the sends need no spacing. */
export function paceMs(limit: SendLimit | undefined): number {
  if (!limit) return 0;
  const pace = (limit.duration / limit.max) * PACE_MARGIN;
  return pace >= MIN_PACE_MS ? pace : 0;
}

/**
 * Channels whose sends are spaced: their messages get a delivery job each, since a job carrying
 * many would only hold them in a worker waiting for their slots (see deliver-outbound.ts).
 */
export function pacedChannels(limits: Partial<Record<ChannelName, SendLimit>>): ChannelName[] {
  return (Object.entries(limits) as [ChannelName, SendLimit][])
    .filter(([, limit]) => paceMs(limit) > 0)
    .map(([channel]) => channel);
}
