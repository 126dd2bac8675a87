import type { ChannelName } from './inbound-event.ts';

/** Something a platform sent that could not be read, with why. */
export interface MalformedInbound {
  channel: ChannelName;
  /** The platform's id of the item when it has one, else a digest of what was sent. */
  platformEventId: string;
  /** The sender's platform id when it can be told, so that erasing them finds it. */
  senderId?: string;
  error: string;
  /** What was sent, as received (cut when stored). */
  payload: string;
}
