/**
 * npm run docs:charts — the demo workspace's charts as PNG, in Italian and English, for
 * docs/img/: a fresh scratch database on DATABASE_URL's server, the demo seed, the real app's
 * SVG routes, and Debian's Chromium (CHROMIUM_PATH) to paint them. What a scrum master sees
 * when they download a chart, not a mock-up.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo/demo-data';
import { seedDemo } from './demo/seed';

const base = process.env.DATABASE_URL;
const OUT = join(__dirname, '..', 'docs', 'img');

function on(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: on(url, 'postgres') });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function main(): Promise<void> {
  if (!base)
    throw new Error('DATABASE_URL: a PostgreSQL server where a scratch database may be made');
  const database = `ritmo_charts_${process.pid}`;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: on(base, database),
    JWT_SECRET: randomBytes(48).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  await admin(base, `CREATE DATABASE ${database}`);
  const ritmo = await createApp(config);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  try {
    await seedDemo(ritmo.app);
    await ritmo.app.listen(0, '127.0.0.1');
    const url = (await ritmo.app.getUrl()).replace('[::1]', '127.0.0.1');
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${url}/api/v1${path}`, init);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const login = (await (
      await call('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `scrum-master.tributi@${DEMO_DOMAIN}`,
          password: DEMO_PASSWORD,
        }),
      })
    ).json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${login.accessToken}` };
    const teams = (await (await call('/me/teams', { headers: auth })).json()) as {
      id: string;
      name: string;
    }[];
    const team = teams.find((t) => t.name === 'Ufficio Tributi');
    if (!team) throw new Error('the demo has no Ufficio Tributi');
    const sprints = (await (await call(`/teams/${team.id}/sprints`, { headers: auth })).json()) as {
      id: string;
      state: string;
    }[];
    const active = sprints.find((s) => s.state === 'active');
    const completed = sprints.filter((s) => s.state === 'completed').at(-1);
    if (!active || !completed) throw new Error('the demo has no active and completed sprint');
    const charts: [string, string][] = [
      ['burndown', `/sprints/${active.id}/burndown.svg`],
      ['burnup', `/sprints/${completed.id}/burnup.svg`],
      ['velocity', `/teams/${team.id}/velocity.svg`],
      ['cumulative-flow', `/teams/${team.id}/cumulative-flow.svg`],
    ];
    const page = await browser.newPage({ viewport: { width: 760, height: 380 } });
    for (const lang of ['it', 'en']) {
      for (const [name, path] of charts) {
        const svg = await (
          await call(path, { headers: { ...auth, 'accept-language': lang } })
        ).text();
        await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
        const file = join(OUT, `chart-${name}-${lang}.png`);
        await page.locator('svg').first().screenshot({ path: file });
        console.log(`written ${file}`);
      }
    }
  } finally {
    await browser.close();
    await ritmo.close();
    await admin(base, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
