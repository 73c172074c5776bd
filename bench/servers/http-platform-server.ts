// One server for bench/http-platform.ts: `express`, `fastify` (ritmo's AppModule on that
// platform, real /health and /health/ready routes) or `bare` (node:http + pg, same SQL).
import 'reflect-metadata';
import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { AppModule } from '../../src/app.module';
import { RuntimeConfig } from '../../src/config/runtime-config';

const platform = process.argv[2];
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function bare(): Promise<string> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} }));
      return;
    }
    // The same two queries /health/ready runs: a ping and the migrations check.
    Promise.all([
      pool.query('SELECT 1'),
      pool.query('SELECT * FROM "migrations" ORDER BY "id" DESC'),
    ]).then(
      ([, migrations]) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'ok',
            details: { database: { status: 'up' }, migrations: { applied: migrations.rowCount } },
          }),
        );
      },
      () => {
        res.writeHead(503);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function nest(kind: 'express' | 'fastify'): Promise<string> {
  const config = Object.assign(new RuntimeConfig(), {
    port: 0,
    databaseUrl,
    embedded: false,
    dataDir: '/tmp',
    jwtSecret: 'bench-secret-bench-secret-bench-secret',
    corsOrigins: [],
    logLevel: 'silent',
  });
  const adapter = kind === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(AppModule.forRoot(config), adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

(platform === 'bare' ? bare() : nest(platform === 'express' ? 'express' : 'fastify')).then(
  (url) => console.log(`LISTENING ${url}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
