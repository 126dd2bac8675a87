// A stand-in for the Telegram Bot API, run by bench/delivery.ts in a process of its own (as the
// real platform is elsewhere), so that answering sendMessage does not take the pipeline's CPU.
// It enforces Telegram's limits when asked: 30 messages/s overall and 1/s per chat, else 429.
import Fastify from 'fastify';

const TOKEN = process.env.BENCH_BOT_TOKEN ?? '123456:bench';
const LIMIT_PER_S = 30;
const state = { limits: false, sent: 0, tooMany: 0, second: 0, inSecond: 0, lastByChat: new Map<string, number>() };

const app = Fastify();
app.post(`/bot${TOKEN}/sendMessage`, async (request, reply) => {
  const body = request.body as { chat_id: string | number; text: string };
  const now = Date.now();
  if (state.limits) {
    const second = Math.floor(now / 1000);
    if (second !== state.second) {
      state.second = second;
      state.inSecond = 0;
    }
    const chat = String(body.chat_id);
    const last = state.lastByChat.get(chat) ?? 0;
    if (state.inSecond >= LIMIT_PER_S || now - last < 1000) {
      state.tooMany++;
      return reply.code(429).send({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      });
    }
    state.inSecond++;
    state.lastByChat.set(chat, now);
  }
  state.sent++;
  return {
    ok: true,
    result: {
      message_id: state.sent,
      date: Math.floor(now / 1000),
      chat: { id: Number(body.chat_id), type: 'private' },
      text: body.text,
    },
  };
});
// The bench switches the limits and reads the counters here.
app.post('/control', async (request) => {
  const { limits } = request.body as { limits: boolean };
  Object.assign(state, { limits, sent: 0, tooMany: 0, second: 0, inSecond: 0, lastByChat: new Map() });
  return { ok: true };
});
app.get('/control', async () => ({ sent: state.sent, tooMany: state.tooMany }));

const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ address });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
