// Runs autocannon in its own process (so the load generator does not share the server's event loop) and prints
// one JSON line. Input (argv[2], JSON): { url, bodies: string[], connections, duration, warmupSeconds }.
import autocannon from 'autocannon';

interface Input {
  url: string;
  bodies: string[];
  connections: number;
  duration: number;
  warmupSeconds: number;
}

const input = JSON.parse(process.argv[2] ?? '{}') as Input;

function fire(duration: number): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: input.url,
        method: 'POST',
        connections: input.connections,
        duration,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({ ...req, body: input.bodies[next++ % input.bodies.length] }),
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

if (input.warmupSeconds > 0) await fire(input.warmupSeconds);
const r = await fire(input.duration);
process.stdout.write(
  JSON.stringify({
    connections: input.connections,
    duration: input.duration,
    requestsPerSec: r.requests.average,
    requestsTotal: r.requests.total,
    latency: { median: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, mean: r.latency.average, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    throughputBytesPerSec: r.throughput.average,
    statusCodes: Object.fromEntries(Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  }) + '\n',
);
