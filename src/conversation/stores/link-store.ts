import type { ChannelName } from '../../domain/inbound-event.ts';

/** One chat of a person, as they and the team see it. */
export interface PersonChat {
  identityId: string;
  channel: ChannelName;
  username: string | null;
  phoneNumber: string | null;
  /** When this chat first wrote (or was attached). */
  since: Date;
  lastMessageAt: Date | null;
}

/** A chat as its event names it. */
export interface ChatAddress {
  channel: ChannelName;
  platformId: string;
}

/** What typing a code in a chat did: attached it, or why not. */
export type UseLinkCodeResult =
  | {
      kind: 'attached';
      /** The code's person, who now has this chat too. */
      personId: string;
      locale: string | null;
      displayName: string | null;
      /** The chat the code was asked from, and its platform: it is told too. */
      fromIdentityId: string;
      fromChannel: ChannelName;
    }
  | {
      kind:
        | 'unknown'
        | 'used'
        | 'expired'
        | 'same-chat'
        | 'same-platform'
        | 'already-yours'
        | 'platform-taken'
        | 'has-data'
        | 'too-many-attempts';
    };

export type DetachChatResult =
  | {
      detached: true;
      channel: ChannelName;
      /** The person with nothing the chat now belongs to. */
      newPersonId: string;
    }
  | { detached: false; reason: 'last-chat' | 'not-found' };

/** Two chats of one person: link codes, attaching and detaching chats. */
export interface LinkStore {
  /** Whether the person may ask for a code: they joined (any role) or applied. */
  mayLinkChats: (personId: string) => Promise<boolean>;
  /** A new code for the person, asked from `from`; an unused earlier one of theirs stops working. Returns the code. */
  createLinkCode: (personId: string, from: ChatAddress, now: Date) => Promise<string>;
  /** Attaches the chat `chat` (now of `personId`) to the person of the code `typed`, or says why not. */
  useLinkCode: (typed: string, chat: ChatAddress, personId: string, now: Date) => Promise<UseLinkCodeResult>;
  /** The person's chats, oldest first. */
  personChats: (personId: string) => Promise<PersonChat[]>;
  /** Detaches one of the person's chats (`current`: the chat the request came from); never their last. */
  detachChat: (personId: string, identityId: string, current: ChatAddress) => Promise<DetachChatResult>;
}
