import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasePerson } from '../../../src/store/people/erase-person.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

describe('erasing a person', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
  });

  afterAll(async () => {
    await test.drop();
  });

  it('deletes the events of theirs that were set aside, on every channel, and no one else’s', async () => {
    const longId = `2250${'7'.repeat(240)}`;
    const awa = await test.db.person.create({
      data: {
        displayName: 'Awa Koné',
        roles: ['participant'],
        identities: {
          create: [
            { channel: 'telegram', platformId: '5550001' },
            { channel: 'whatsapp', platformId: longId, phoneNumber: '2250700000001' },
          ],
        },
      },
    });
    const other = await test.db.person.create({
      data: { roles: ['participant'], identities: { create: [{ channel: 'telegram', platformId: '5550002' }] } },
    });
    const setAside = (channel: 'telegram' | 'whatsapp', platformEventId: string, senderId: string) => ({
      channel,
      platformEventId,
      senderId,
      error: '22P05 unsupported Unicode escape sequence',
      payload: JSON.stringify({
        sender: { platformId: senderId, displayName: 'Awa Koné' },
        text: 'mon numéro est le 07 00 00 00 01',
      }),
    });
    await test.db.rejectedInboundEvent.createMany({
      data: [
        setAside('telegram', '901', '5550001'),
        // Ids set aside are cut to 200 characters.
        setAside('whatsapp', 'wamid.1', longId.slice(0, 200)),
        setAside('telegram', '902', '5550002'),
        // The same platform id on another channel is someone else.
        setAside('whatsapp', 'wamid.2', '5550001'),
      ],
    });

    await test.db.$transaction((tx) => erasePerson(tx, { personId: awa.id, at: new Date('2027-03-01T12:00:00Z') }));

    const left = await test.db.rejectedInboundEvent.findMany({
      orderBy: { platformEventId: 'asc' },
      select: { channel: true, platformEventId: true, senderId: true },
    });
    expect(left).toEqual([
      { channel: 'telegram', platformEventId: '902', senderId: '5550002' },
      { channel: 'whatsapp', platformEventId: 'wamid.2', senderId: '5550001' },
    ]);
    expect(await test.db.person.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ erasedAt: null });
  });
});
