import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ValidationFailedError, withTranslationKey } from '../common/errors/domain-error';
import { query } from '../database/sql';
import type { CeremonyType } from './ceremony.events';

/**
 * Poker sessions, sprint reviews and retrospectives may name the calendar ceremony they run
 * in. The id must be one of the team's own ceremonies, of a fitting type: checked here, inside
 * the caller's transaction, so a foreign or wrong id is a 400 naming `ceremonyId` and never a
 * foreign-key error.
 */
@Injectable()
export class CeremonyLinks {
  async check(
    m: EntityManager,
    teamId: string,
    ceremonyId: string | null | undefined,
    types: readonly CeremonyType[],
  ): Promise<void> {
    if (!ceremonyId) return;
    const [row] = await query<{ type: CeremonyType }>(
      m,
      `SELECT type FROM ceremonies WHERE team_id = $1 AND id = $2 FOR SHARE`,
      [teamId, ceremonyId],
    );
    if (!row) {
      throw new ValidationFailedError([
        { field: 'ceremonyId', message: 'is not a ceremony of this team' },
      ]);
    }
    if (!types.includes(row.type)) {
      throw new ValidationFailedError([
        withTranslationKey(
          { field: 'ceremonyId', message: `is a ${row.type}; expected ${types.join(' or ')}` },
          'ceremonyType',
          { type: row.type, expected: types.join(', ') },
        ),
      ]);
    }
  }
}
