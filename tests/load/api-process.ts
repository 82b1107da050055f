// The API under load, in its own process (so that the load generator does not share its event loop): listens on a free
// loopback port, tells the parent its URL, then reports its resident memory (process.memoryUsage().rss) every second.
// Asked to `measure`, it collects garbage (the parent starts it with --expose-gc) and answers with what is still held:
// the heap in use plus memory outside it (buffers). That, unlike RSS, does not depend on when the collector last ran.
import { buildApp } from '../../api/app.ts';
import { readConfig } from '../../store/config.ts';

const config = readConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RATE_LIMIT_MAX: '0' });
const app = await buildApp(config, { neo4jUri: config.neo4jUri!, serveWeb: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
// The parent may be gone already (it disconnects to stop us); a failed send is then nothing to report.
const send = (message: object) => void (process.connected && process.send?.(message, undefined, undefined, () => {}));
send({ url: `http://127.0.0.1:${port}` });
const timer = setInterval(() => send({ rss: process.memoryUsage().rss, at: Date.now() }), 1_000);
// Requests the load generator left in flight when it stopped are still held; measure once they have been answered.
let inFlight = 0;
app.server.on('request', (_req, res) => {
  inFlight++;
  res.once('close', () => inFlight--);
});
const settled = () => new Promise<void>((resolve) => {
  const check = () => (inFlight === 0 ? resolve() : setTimeout(check, 10));
  check();
});
const collect = (globalThis as { gc?: () => void }).gc;
process.on('message', async (m: { measure?: boolean }) => {
  if (!m.measure) return;
  if (!collect) return send({ retainedError: 'the API process was started without --expose-gc' });
  await settled();
  collect();
  collect();
  const { heapUsed, external } = process.memoryUsage();
  send({ retained: heapUsed + external, heapUsed, external });
});
process.on('disconnect', () => {
  clearInterval(timer);
  void app.close().finally(() => process.exit(0));
});
