import request from 'supertest';
import { loadConfig } from '../src/config/app-config';
import { BACKLOG_TEST_ENV } from './support/backlog';
import { Factory } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('PUBLIC_URL: absolute URLs never come from the Host header', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { ...BACKLOG_TEST_ENV, PUBLIC_URL: ' https://servizi.unione.example/ritmo/ ' },
    });
  });
  afterAll(() => t.close());

  it('builds the calendar feed URL from PUBLIC_URL whatever Host the client sends', async () => {
    const f = new Factory(t);
    const team = await f.team();
    const dev = await f.member(team, 'developer');
    for (const host of ['attacker.example', 'ritmo:3000']) {
      const res = await request(t.url)
        .post(`/api/v1/teams/${team.id}/calendar-feed`)
        .set('Authorization', `Bearer ${dev.token}`)
        .set('Host', host)
        .send({})
        .expect(201);
      const url = (res.body as { url: string }).url;
      expect(url).toMatch(
        new RegExp(
          `^https://servizi\\.unione\\.example/ritmo/api/v1/teams/${team.id}/calendar\\.ics\\?token=ritmo_cal_`,
        ),
      );
      expect(url).not.toContain(host);
    }
  });

  it('refuses a PUBLIC_URL that is not an http(s) address, naming it', () => {
    for (const bad of ['ritmo.example', 'ftp://ritmo.example', 'https://ritmo.example/?x=1']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL must be/);
    }
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBeUndefined();
  });
});
