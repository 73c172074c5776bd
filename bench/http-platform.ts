// npm run bench:http — Express vs Fastify under ritmo's real AppModule, with a bare
// node:http + pg server as the baseline, all in one run. Results: bench/results/http-platform.json.
import { load, LoadResult, machine, saveResults, startServer, stopServer } from './lib/run';

async function main(): Promise<void> {
  const results: LoadResult[] = [];
  for (const platform of ['bare', 'express', 'fastify']) {
    const { url, child } = await startServer(
      'bench/servers/http-platform-server.ts',
      [platform],
      {},
    );
    try {
      results.push(await load(`${platform} GET /health`, `${url}/health`));
      results.push(await load(`${platform} GET /health/ready (2 queries)`, `${url}/health/ready`));
    } finally {
      await stopServer(child);
    }
  }
  console.table(results);
  const byName = new Map(results.map((r) => [r.name, r]));
  for (const route of ['GET /health', 'GET /health/ready (2 queries)']) {
    const bare = byName.get(`bare ${route}`)?.requestsPerSec ?? 1;
    const express = byName.get(`express ${route}`)?.requestsPerSec ?? 0;
    const fastify = byName.get(`fastify ${route}`)?.requestsPerSec ?? 0;
    console.log(
      `${route}: fastify/express = ${(fastify / express).toFixed(2)}x, ` +
        `fastify/bare = ${(fastify / bare).toFixed(2)}x, express/bare = ${(express / bare).toFixed(2)}x`,
    );
  }
  console.log(`written to ${saveResults('http-platform.json', { machine: machine(), results })}`);
}

void main();
