import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '../database/sql';
import type { Lang } from './locale';
import { Localizer } from './localizer.service';
import { mergeTerms, Terms, VocabularyOverrides } from './vocabulary';

/**
 * The words a team uses for Scrum's terms, in a language. Every server-produced text about a
 * team (charts, exports, calendar titles) takes its terms from here, e.g.
 * `localizer.t(lang, 'reports.chart.burndownOf', { ...(await vocabulary.terms(teamId, lang)), name })`.
 */
@Injectable()
export class Vocabulary {
  constructor(
    private readonly localizer: Localizer,
    private readonly dataSource: DataSource,
  ) {}

  defaults(lang: Lang): Terms {
    return { ...this.localizer.tree<Terms>(lang, 'vocabulary') };
  }

  async terms(teamId: string, lang: Lang, m?: EntityManager): Promise<Terms> {
    const [row] = await query<{ vocabulary: VocabularyOverrides | null }>(
      m ?? this.dataSource,
      `SELECT vocabulary FROM teams WHERE id = $1`,
      [teamId],
    );
    return mergeTerms(this.defaults(lang), row?.vocabulary ?? null);
  }
}
