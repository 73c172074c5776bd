import { signUnsubscribe, verifyUnsubscribe } from './unsubscribe-links';

const SECRET = 'a-secret-that-is-long-enough-for-the-test-0123';
const USER = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const TEAM = 'aa1c2d3e-4a5b-4c6d-8e7f-0123456789cd';

describe('unsubscribe links', () => {
  it('round-trips user, kind and team (or every team, or the digest) in 66 characters', () => {
    for (const u of [
      { userId: USER, kind: 'mentioned' as const, teamId: TEAM },
      { userId: USER, kind: 'ceremony_starting' as const, teamId: null },
      { userId: USER, kind: 'digest' as const, teamId: null },
    ]) {
      const token = signUnsubscribe(SECRET, u);
      expect(token).toMatch(/^[A-Za-z0-9_-]{66}$/);
      expect(verifyUnsubscribe(SECRET, token)).toEqual(u);
    }
  });

  it('refuses a token changed in any character, signed with another secret, or malformed', () => {
    const token = signUnsubscribe(SECRET, { userId: USER, kind: 'assigned', teamId: TEAM });
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const changed = token.slice(0, i) + c + token.slice(i + 1);
      expect(verifyUnsubscribe(SECRET, changed)).toBeUndefined();
    }
    expect(verifyUnsubscribe('another-secret-entirely-0123456789', token)).toBeUndefined();
    expect(verifyUnsubscribe(SECRET, `${token}x`)).toBeUndefined();
    expect(verifyUnsubscribe(SECRET, '')).toBeUndefined();
  });
});
