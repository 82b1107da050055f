// The API under load, in its own process (so that the load generator does not share its event loop): listens on a free
// loopback port, tells the parent its URL, then reports its resident memory (process.memoryUsage().rss) every second.
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
process.on('disconnect', () => {
  clearInterval(timer);
  void app.close().finally(() => process.exit(0));
});
