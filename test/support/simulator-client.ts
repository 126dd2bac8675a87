import type { OutboundPayload } from '../../src/domain/outbound-message.ts';
import { waitFor } from './processes.ts';
import type { TestApp } from './test-app.ts';

interface Listed {
  direction: 'in' | 'out';
  id: string;
  status: string;
  message: OutboundPayload & { text?: string };
}

/** The header a script sends the simulator's key in. */
export const simulatorHeaders = (t: Pick<TestApp, 'simulatorKey'>) => ({ 'x-simulator-key': t.simulatorKey });

/** A person chatting through the simulator's JSON API, as a script would. */
export class SimulatedPerson {
  private seen = 0;

  constructor(
    private readonly t: TestApp,
    readonly id: string,
    readonly personId: string,
  ) {}

  static async create(t: TestApp, body: { name: string; role?: string; hub?: string }): Promise<SimulatedPerson> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/simulator/api/people',
      headers: simulatorHeaders(t),
      payload: body,
    });
    if (response.statusCode !== 201) throw new Error(`cannot create ${body.name}: ${response.body}`);
    const created = response.json();
    return new SimulatedPerson(t, created.id, created.personId);
  }

  /** Sends a text, a choice (`{ choice: id }`) or a file, and returns the replies it brings. */
  async send(
    message: string | { choice: string } | { media: { kind: string; mimeType: string; data: string } },
    options: { sentAt?: Date; replies?: number } = {},
  ) {
    const body =
      typeof message === 'string'
        ? { text: message }
        : 'choice' in message
          ? { choice: { id: message.choice } }
          : message;
    const response = await this.t.app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      headers: simulatorHeaders(this.t),
      payload: { person: this.id, ...body, ...(options.sentAt && { sentAt: options.sentAt.toISOString() }) },
    });
    if (response.statusCode !== 202) throw new Error(`message refused: ${response.body}`);
    return this.replies(options.replies ?? 1);
  }

  /** Waits for `count` new messages delivered to this person, and returns them. */
  async replies(count: number): Promise<(OutboundPayload & { text?: string })[]> {
    const fresh = await waitFor(
      async () => {
        const response = await this.t.app.inject({
          method: 'GET',
          url: `/simulator/api/messages?person=${this.id}`,
          headers: simulatorHeaders(this.t),
        });
        const out = (response.json().messages as Listed[]).filter((m) => m.direction === 'out' && m.status === 'sent');
        return out.length >= this.seen + count ? out.slice(this.seen) : undefined;
      },
      15_000,
      `${count} new message(s) for ${this.id}`,
    );
    // Everything delivered so far counts as seen, so that later calls only return what is new.
    this.seen += fresh.length;
    return fresh.map((m) => m.message);
  }
}
