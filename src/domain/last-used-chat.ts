/**
 * The chat to reach a person on, among those given (the ones that still reach them): the one they
 * last wrote from; never written from, the newest. `preferredIdentity` (store/people/person-view.ts)
 * is the same rule in SQL; every place that picks one of a person's chats follows it, so that a
 * person with two chats gets each message once, on the app they use now.
 */
export function lastUsedChat<T extends { lastInboundAt: Date | null; createdAt: Date }>(chats: T[]): T | undefined {
  return [...chats].sort(
    (a, b) =>
      (b.lastInboundAt?.getTime() ?? -Infinity) - (a.lastInboundAt?.getTime() ?? -Infinity) ||
      b.createdAt.getTime() - a.createdAt.getTime(),
  )[0];
}
