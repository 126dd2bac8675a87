import type { GraphClient } from './graph-client.ts';

/**
 * Shows the person's message as read (blue ticks), and with it every earlier message of theirs.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/mark-message-as-read
 */
export async function markAsRead(graph: GraphClient, phoneNumberId: string, messageId: string): Promise<void> {
  await graph.call('POST', `${encodeURIComponent(phoneNumberId)}/messages`, {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: messageId,
  });
}
