import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Database } from '../../src/store/database.ts';
import { seedApplicationCall, type SeededCall } from './application-call.ts';

const DAY = 24 * 3600_000;

/** A PNG of one colour, big enough to be seen in a page (a team photo stand-in). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface SeededApplications {
  call: SeededCall;
  /** Aminata: French, Senegal, handed in with a photo. */
  aminata: { personId: string; applicationId: string; photoId: string };
  /** John: English, Cameroon, handed in. */
  john: { personId: string; applicationId: string };
  /** Grace: English, Cameroon, handed in. */
  grace: { personId: string; applicationId: string };
  /** Koffi: French, Côte d'Ivoire, still writing. */
  koffi: { personId: string; applicationId: string };
}

/**
 * A call on the seeded programme (opened ten days before `now`, closing in five) and four
 * applicants written straight to the tables, each on the simulator channel: three handed in
 * (Aminata in French with a team photo, John and Grace in English), one still writing (Koffi).
 */
export async function seedApplications(
  db: Database,
  now: Date,
  options: { mediaDir?: string; keepDeclinedDays?: number } = {},
): Promise<SeededApplications> {
  const call = await seedApplicationCall(db, {
    opensAt: new Date(now.getTime() - 10 * DAY),
    closesAt: new Date(now.getTime() + 5 * DAY),
    ...(options.keepDeclinedDays !== undefined && { keepDeclinedDays: options.keepDeclinedDays }),
  });
  let sequence = 0;
  const applicant = async (data: {
    name: string;
    locale: 'fr' | 'en';
    country: string;
    city: string;
    submitted: boolean;
    answers: { key: string; value: object }[];
  }) => {
    const person = await db.person.create({
      data: {
        displayName: data.name,
        locale: data.locale,
        country: data.country,
        roles: [],
        identities: {
          create: {
            channel: 'simulator',
            platformId: `applicant-${now.getTime()}-${sequence++}`,
            lastInboundAt: new Date(now.getTime() - DAY),
          },
        },
      },
    });
    const application = await db.application.create({
      data: {
        callId: call.id,
        personId: person.id,
        status: data.submitted ? 'submitted' : 'started',
        consentVersion: '1',
        city: data.city,
        currentPosition: data.submitted ? 9 : 2,
        submittedAt: data.submitted ? new Date(now.getTime() - (2 + sequence) * 3600_000) : null,
        answers: {
          create: data.answers.map((answer) => ({
            questionKey: answer.key,
            value: answer.value,
            answeredAt: new Date(now.getTime() - 3 * DAY),
          })),
        },
      },
    });
    return { personId: person.id, applicationId: application.id };
  };
  const aminata = await applicant({
    name: 'Aminata Sow',
    locale: 'fr',
    country: 'SN',
    city: 'Dakar',
    submitted: true,
    answers: [
      { key: 'project', value: { text: 'Une carte ouverte des points d’eau de Dakar.' } },
      { key: 'stage', value: { choices: ['running'] } },
      { key: 'topics', value: { choices: ['data', 'health'] } },
      { key: 'motivation', value: { number: 5 } },
      { key: 'team_size', value: { number: 4 } },
    ],
  });
  const john = await applicant({
    name: 'John Mbah',
    locale: 'en',
    country: 'CM',
    city: 'Bamenda',
    submitted: true,
    answers: [
      { key: 'project', value: { text: '=cmd|calc, "a civic radio"' } },
      { key: 'stage', value: { choices: ['idea'] } },
    ],
  });
  const grace = await applicant({
    name: 'Grace Nkemelu',
    locale: 'en',
    country: 'CM',
    city: 'Buea',
    submitted: true,
    answers: [{ key: 'project', value: { text: 'Open budgets for Buea.' } }],
  });
  const koffi = await applicant({
    name: 'Koffi Yao',
    locale: 'fr',
    country: 'CI',
    city: 'Bouaké',
    submitted: false,
    answers: [{ key: 'project', value: { text: 'Un projet en cours d’écriture.' } }],
  });

  const photoPath = `applications/${aminata.applicationId}-photo.png`;
  const photo = solidPng(320, 200, [46, 125, 50]);
  if (options.mediaDir) {
    mkdirSync(path.join(options.mediaDir, 'applications'), { recursive: true });
    writeFileSync(path.join(options.mediaDir, photoPath), photo);
  }
  const media = await db.mediaFile.create({
    data: {
      personId: aminata.personId,
      channel: 'simulator',
      platformFileId: `application-photo-${aminata.applicationId}`,
      path: photoPath,
      mimeType: 'image/png',
      sizeBytes: photo.length,
      sha256: photoPath,
    },
  });
  await db.applicationAnswer.create({
    data: {
      applicationId: aminata.applicationId,
      questionKey: 'photo',
      mediaFileId: media.id,
      answeredAt: new Date(now.getTime() - 3 * DAY),
    },
  });
  return { call, aminata: { ...aminata, photoId: media.id }, john, grace, koffi };
}
