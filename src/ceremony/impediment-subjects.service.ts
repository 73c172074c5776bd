import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { query } from '../database/sql';

/**
 * Other modules may attach things to an impediment (comments): this says which team one
 * belongs to, so they can ask the access policy, without reaching into the ceremony tables.
 */
@Injectable()
export class ImpedimentSubjects {
  constructor(private readonly dataSource: DataSource) {}

  async teamOf(impedimentId: string): Promise<string | undefined> {
    const [row] = await query<{ team_id: string }>(
      this.dataSource,
      `SELECT team_id FROM impediments WHERE id = $1`,
      [impedimentId],
    );
    return row?.team_id;
  }
}
