import { describe, expect, it } from 'vitest';
import { inviteLinks, inviteQrTargets } from '../../src/domain/invite-links.ts';

describe('invite links', () => {
  it('gives the Telegram deep link and the wa.me link with the join text, where each is configured', () => {
    const links = inviteLinks('ABCD2345', 'REJOINDRE ABCD2345', {
      telegramBotUsername: 'CompagnonBot',
      whatsappBusinessNumber: '2250700000001',
    });
    expect(links).toEqual({
      telegram: 'https://t.me/CompagnonBot?start=ABCD2345',
      whatsapp: 'https://wa.me/2250700000001?text=REJOINDRE%20ABCD2345',
    });
    expect(inviteLinks('ABCD2345', 'JOIN ABCD2345', { telegramBotUsername: null })).toEqual({
      telegram: null,
      whatsapp: null,
    });
  });

  it('encodes one QR code per configured app, Telegram first, else the join text', () => {
    const both = inviteLinks('ABCD2345', 'JOIN ABCD2345', {
      telegramBotUsername: 'CompagnonBot',
      whatsappBusinessNumber: '2250700000001',
    });
    expect(inviteQrTargets(both, 'JOIN ABCD2345').map((target) => target.channel)).toEqual(['telegram', 'whatsapp']);
    const whatsappOnly = inviteLinks('ABCD2345', 'JOIN ABCD2345', { whatsappBusinessNumber: '2250700000001' });
    expect(inviteQrTargets(whatsappOnly, 'JOIN ABCD2345')).toEqual([
      { channel: 'whatsapp', value: 'https://wa.me/2250700000001?text=JOIN%20ABCD2345' },
    ]);
    expect(inviteQrTargets(inviteLinks('ABCD2345', 'JOIN ABCD2345', {}), 'JOIN ABCD2345')).toEqual([
      { channel: 'text', value: 'JOIN ABCD2345' },
    ]);
  });
});
