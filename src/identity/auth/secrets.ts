import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'ritmo_pat_';
export const REFRESH_TOKEN_PREFIX = 'ritmo_rt_';
export const INVITATION_TOKEN_PREFIX = 'ritmo_inv_';
export const PASSWORD_RESET_TOKEN_PREFIX = 'ritmo_pwr_';

/** A high-entropy secret; only its SHA-256 is stored (no salt needed at 256 bits of entropy). */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: sha256(secret) };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
