/** Two chats of one person: link codes, attaching and detaching identities (built in issue 17, link-channels). */
export type LinkStore = Record<never, never>;
