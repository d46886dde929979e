/**
 * One autocannon run in a process of its own, for bench:load (bin/bench/load.ts): the small tenant's sessions
 * measured apart from the load generator of the large tenant's 50, whose event loop, busy with their answers,
 * ran late by tens of ms (p95 25 ms) and added that to every time it measured.
 * Input: a JSON argument {url, cookies, connections, seconds, rate?}. Output (stdout): one JSON line
 * {requests, errors, timeouts, non2xx, latencies} (latencies in ms, every request).
 */
import { createRequire } from "node:module";

const autocannon = createRequire(import.meta.url)("autocannon");
const { url, cookies, connections, seconds, rate } = JSON.parse(process.argv[2] ?? "{}");
let next = 0;
const latencies = [];
const instance = autocannon(
  {
    url,
    connections,
    duration: seconds,
    timeout: 30,
    ...(rate ? { connectionRate: rate } : {}),
    // As a browser asks: the answers come gzipped.
    setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length], "accept-encoding": "gzip, deflate, br" }),
  },
  (error, result) => {
    if (error) {
      console.error(error.message);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify({ requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, latencies })}\n`);
  },
);
instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
