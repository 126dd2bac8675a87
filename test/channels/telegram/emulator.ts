import emulatorModule from 'telegram-test-api';
import { freePort } from '../../support/processes.ts';

// The package sets module.exports to the class itself, while its types describe a module with a
// default export: what a default import really gives is the class.
const TelegramServer = emulatorModule as unknown as typeof emulatorModule.default;
export type Emulator = InstanceType<typeof TelegramServer>;

/** telegram-test-api on a free loopback port (it takes `port: 0` for its default, 9000). */
export async function startEmulator(): Promise<Emulator> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
  return server;
}
