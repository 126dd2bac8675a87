import pg from 'pg';
import { MUTATIONS, mutate, seededRandom, serialize, type Random } from './mutations.ts';
import {
  metaJson,
  telegramRequest,
  telegramTextUpdate,
  whatsappBody,
  whatsappRequest,
  whatsappTextMessage,
  type WebhookRequest,
} from './webhook-requests.ts';

export interface FuzzOptions {
  /** http://127.0.0.1:<port> of a web process with both webhooks. */
  baseUrl: string;
  /** Its database, to count what was recorded. */
  databaseUrl: string;
  telegramSecret: string;
  appSecret: string;
  seed: number;
  /** Requests to send at most, and seconds to send them in at most. */
  requests: number;
  seconds: number;
  /** Requests in flight at once in ordinary rounds. */
  concurrency?: number;
  /** False once the web process has exited: the fuzz stops and counts a crash. */
  alive: () => boolean;
}

export interface FuzzFigures {
  seed: number;
  sent: number;
  answers: { '2xx': number; '3xx': number; '4xx': number; '5xx': number; 'no answer': number };
  /** A few of the requests answered 5xx, to replay. */
  serverErrors: { round: number; what: string; status: number }[];
  crashes: number;
  validSent: number;
  validRecorded: number;
  /** Valid events answered but not recorded: lost to a poison neighbour (or anything else). */
  validLost: number;
  sameSenderSent: number;
  sameSender503: number;
  setAside: number;
  seconds: number;
}

interface Planned {
  what: string;
  request: WebhookRequest;
  /** The valid event it carries, when it is an unmutated one. */
  valid?: { channel: 'telegram' | 'whatsapp'; id: string };
  sameSender?: boolean;
}

/** Sends mutated webhook requests, in rounds sent concurrently, and counts what happened. */
export async function runWebhookFuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const random = seededRandom(options.seed);
  const concurrency = options.concurrency ?? 16;
  const started = Date.now();
  const figures: FuzzFigures = {
    seed: options.seed,
    sent: 0,
    answers: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, 'no answer': 0 },
    serverErrors: [],
    crashes: 0,
    validSent: 0,
    validRecorded: 0,
    validLost: 0,
    sameSenderSent: 0,
    sameSender503: 0,
    setAside: 0,
    seconds: 0,
  };
  const valid: { telegram: string[]; whatsapp: string[] } = { telegram: [], whatsapp: [] };
  const factory = new RequestFactory(random, options);

  for (let round = 0; figures.sent < options.requests && Date.now() - started < options.seconds * 1000; round++) {
    if (!options.alive()) break;
    const left = options.requests - figures.sent;
    const kind = round % 25 === 24 ? 'sameSender' : round % 5 === 4 ? 'poisonBatch' : 'mixed';
    const planned =
      kind === 'sameSender'
        ? factory.sameSenderBurst(Math.min(300, left))
        : kind === 'poisonBatch'
          ? factory.poisonBatch(Math.min(20, left))
          : factory.mixed(Math.min(concurrency, left));
    const statuses = await Promise.all(planned.map((p) => send(options.baseUrl, p.request)));
    planned.forEach((p, i) => {
      const status = statuses[i]!;
      figures.sent += 1;
      const answerClass =
        status === 0 ? 'no answer' : (`${Math.floor(status / 100)}xx` as keyof FuzzFigures['answers']);
      figures.answers[answerClass] = (figures.answers[answerClass] ?? 0) + 1;
      if (status >= 500 && figures.serverErrors.length < 20) figures.serverErrors.push({ round, what: p.what, status });
      if (p.valid) valid[p.valid.channel].push(p.valid.id);
      if (p.sameSender) {
        figures.sameSenderSent += 1;
        if (status === 503) figures.sameSender503 += 1;
      }
    });
  }
  figures.seconds = (Date.now() - started) / 1000;
  if (!options.alive()) figures.crashes = 1;

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    for (const channel of ['telegram', 'whatsapp'] as const) {
      const { rows } = await client.query<{ count: string }>(
        'SELECT count(*) FROM "InboundEvent" WHERE channel = $1::"Channel" AND "platformEventId" = ANY($2::text[])',
        [channel, valid[channel]],
      );
      figures.validSent += valid[channel].length;
      figures.validRecorded += Number(rows[0]?.count ?? 0);
    }
    figures.validLost = figures.validSent - figures.validRecorded;
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "RejectedInboundEvent"');
    figures.setAside = Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
  return figures;
}

/** The HTTP status, or 0 when no answer came (the connection failed or was cut). */
async function send(baseUrl: string, request: WebhookRequest): Promise<number> {
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Makes the requests of each round; valid events get ids no mutated one can take. */
class RequestFactory {
  private validSeq = 0;
  private fuzzSeq = 0;
  private readonly sentBefore: WebhookRequest[] = [];
  private readonly fuzzIds: { telegram: number[]; whatsapp: string[] } = { telegram: [], whatsapp: [] };

  constructor(
    private readonly random: Random,
    private readonly secrets: { telegramSecret: string; appSecret: string },
  ) {}

  mixed(count: number): Planned[] {
    return Array.from({ length: count }, () => {
      const roll = this.random.next();
      if (roll < 0.3) return this.valid();
      if (roll < 0.85) return this.mutated();
      if (roll < 0.9) return this.garbage();
      if (roll < 0.95) return this.forged();
      const again = this.sentBefore.length > 0 ? this.random.pick(this.sentBefore) : undefined;
      return again ? { what: 'redelivery', request: again } : this.valid();
    });
  }

  /** One event PostgreSQL refuses, among valid ones sent at the same moment. */
  poisonBatch(count: number): Planned[] {
    const planned = Array.from({ length: count }, () => this.valid());
    planned[this.random.int(0, count - 1)] = this.poison();
    return planned;
  }

  /** Valid updates from one chat, all at once, some of them naming a (changed) username. */
  sameSenderBurst(count: number): Planned[] {
    const chatId = 500_000 + this.random.int(0, 9);
    return Array.from({ length: count }, () => {
      const id = ++this.validSeq;
      const username = this.random.chance(0.5) ? `burst_${this.random.int(0, 2)}` : undefined;
      const update = telegramTextUpdate({ updateId: id, chatId, text: `burst ${id}`, ...(username && { username }) });
      return {
        what: 'same sender',
        request: telegramRequest(update, this.secrets.telegramSecret),
        valid: { channel: 'telegram', id: String(id) },
        sameSender: true,
      };
    });
  }

  private valid(): Planned {
    const id = ++this.validSeq;
    const sender = this.random.int(0, 199);
    if (this.random.chance(0.5)) {
      const update = telegramTextUpdate({
        updateId: id,
        chatId: 100_000 + sender,
        text: `réponse ${id} 🙏🏾`,
        firstName: 'Aïcha',
      });
      return this.remember({
        what: 'valid telegram',
        request: telegramRequest(update, this.secrets.telegramSecret),
        valid: { channel: 'telegram', id: String(id) },
      });
    }
    const wamid = `wamid.valid.${id}`;
    const body = whatsappBody([
      whatsappTextMessage({ id: wamid, from: `22507${String(sender).padStart(6, '0')}`, text: `réponse ${id}` }),
    ]);
    return this.remember({
      what: 'valid whatsapp',
      request: whatsappRequest(body, this.secrets.appSecret),
      valid: { channel: 'whatsapp', id: wamid },
    });
  }

  private mutated(): Planned {
    const telegram = this.random.chance(0.5);
    const id = ++this.fuzzSeq;
    const reuse = this.random.chance(0.05);
    const value = telegram
      ? telegramTextUpdate({
          updateId:
            reuse && this.fuzzIds.telegram.length > 0 ? this.random.pick(this.fuzzIds.telegram) : 1_000_000_000 + id,
          chatId: 900_000 + this.random.int(0, 49),
          text: `fuzz ${id}`,
          username: 'fuzzer',
        })
      : whatsappBody(
          [
            whatsappTextMessage({
              id:
                reuse && this.fuzzIds.whatsapp.length > 0
                  ? this.random.pick(this.fuzzIds.whatsapp)
                  : `wamid.fuzz.${id}`,
              from: `99907${String(this.random.int(0, 49)).padStart(6, '0')}`,
              text: `fuzz ${id}`,
            }),
          ],
          this.random.chance(0.3)
            ? [
                {
                  id: `wamid.out.${id}`,
                  status: this.random.pick(['sent', 'delivered', 'read', 'failed', 'played']),
                  timestamp: '1800000000',
                  recipient_id: '1',
                },
              ]
            : [],
        );
    if (telegram) this.fuzzIds.telegram.push(1_000_000_000 + id);
    else this.fuzzIds.whatsapp.push(`wamid.fuzz.${id}`);
    const applied = Array.from({ length: this.random.int(1, 3) }, () => this.random.pick(MUTATIONS));
    for (const mutation of applied) mutate(this.random, value, mutation);
    const what = `${telegram ? 'telegram' : 'whatsapp'} ${applied.join('+')}`;
    const request = telegram
      ? telegramRequest(null, this.secrets.telegramSecret, serialize(this.random, value))
      : whatsappRequest(null, this.secrets.appSecret, serialize(this.random, value, metaJson));
    return this.remember({ what, request });
  }

  /** What PostgreSQL refuses even once every string is storable: ids too large for a unique index. */
  private poison(): Planned {
    const id = ++this.fuzzSeq;
    const huge = (length: number) =>
      Array.from({ length }, () => String.fromCharCode(this.random.int(0x21, 0x7e))).join('');
    const which = this.random.int(0, 2);
    const message = whatsappTextMessage({
      id: which === 1 ? `wamid.poison.${id}` : `wamid.poison.${id}.${huge(8_000)}`,
      from: which === 0 ? `99908${id}` : `99908${id}${huge(8_000)}`,
      text: `poison ${id}\u0000${'\uD800'}`,
      timestamp: which === 2 ? '99999999999999999999' : undefined,
    });
    return this.remember({ what: 'poison', request: whatsappRequest(whatsappBody([message]), this.secrets.appSecret) });
  }

  private garbage(): Planned {
    const bodies = [
      '',
      'null',
      '[]',
      '"text"',
      '{',
      '{"update_id":',
      'not json at all',
      '\u0000\u0001\u0002',
      '{"object":"whatsapp_business_account"}',
      '1e400',
    ];
    const body = this.random.pick(bodies);
    return this.random.chance(0.5)
      ? { what: 'garbage telegram', request: telegramRequest(null, this.secrets.telegramSecret, body) }
      : { what: 'garbage whatsapp', request: whatsappRequest(null, this.secrets.appSecret, body) };
  }

  private forged(): Planned {
    const update = telegramTextUpdate({ updateId: 2_000_000_000 + ++this.fuzzSeq, chatId: 1, text: 'forged' });
    if (this.random.chance(0.5)) return { what: 'forged telegram', request: telegramRequest(update, 'not-the-secret') };
    const body = whatsappBody([whatsappTextMessage({ id: `wamid.forged.${this.fuzzSeq}`, from: '1', text: 'forged' })]);
    return { what: 'forged whatsapp', request: whatsappRequest(null, 'not-the-app-secret', metaJson(body)) };
  }

  private remember(planned: Planned): Planned {
    if (this.sentBefore.length < 200) this.sentBefore.push(planned.request);
    else if (this.random.chance(0.05)) this.sentBefore[this.random.int(0, 199)] = planned.request;
    return planned;
  }
}
