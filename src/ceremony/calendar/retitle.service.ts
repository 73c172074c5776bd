import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { EventLog } from '../../events/event-log';
import { TeamHooks, type TeamUpdated } from '../../identity/teams/team-hooks';
import { SprintHooks, type SprintRenamed } from '../../sprint/sprint-hooks';
import { ceremonyTexts, type Locale } from '../calendar-texts';
import { toCeremonySnapshot } from '../ceremony.mapper';
import { CeremonyRepository } from '../ceremony.repository';
import type { VocabularyOverrides } from '../../i18n/vocabulary';

type Naming = { locale: Locale; vocabulary?: VocabularyOverrides | null };

/**
 * Generated titles ("Daily scrum — Ciclo 3") follow the words they were made of: a new team
 * vocabulary or language, or a renamed sprint, re-titles the ceremonies still to come — each
 * with its `ceremony.updated` event, in the change's transaction. A title someone wrote by
 * hand no longer equals what was generated, and is left as they wrote it.
 */
@Injectable()
export class RetitleService implements OnModuleInit {
  constructor(
    private readonly repo: CeremonyRepository,
    private readonly events: EventLog,
    private readonly teamHooks: TeamHooks,
    private readonly sprintHooks: SprintHooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.teamHooks.onTeamUpdated((m, updated) => this.teamUpdated(m, updated));
    this.sprintHooks.onSprintRenamed((m, renamed) => this.sprintRenamed(m, renamed));
  }

  private async teamUpdated(m: EntityManager, { before, team, actorId }: TeamUpdated) {
    if (
      before.locale === team.locale &&
      JSON.stringify(before.vocabulary) === JSON.stringify(team.vocabulary)
    )
      return;
    await this.retitle(m, team.id, actorId, before, team, (name) => ({ from: name, to: name }));
  }

  private async sprintRenamed(m: EntityManager, renamed: SprintRenamed) {
    const team = await this.repo.team(renamed.teamId, m);
    if (!team) return;
    await this.retitle(
      m,
      renamed.teamId,
      renamed.actorId,
      team,
      team,
      () => ({ from: renamed.previousName, to: renamed.sprint.name }),
      renamed.sprint.id,
    );
  }

  private async retitle(
    m: EntityManager,
    teamId: string,
    actorId: string,
    was: Naming,
    now: Naming,
    sprintName: (current: string) => { from: string; to: string },
    sprintId?: string,
  ) {
    for (const row of await this.repo.titledBySprint(m, teamId, this.clock.now(), sprintId)) {
      const names = sprintName(row.sprint_name);
      const generated = ceremonyTexts.title(was.locale, row.type, names.from, was.vocabulary);
      const title = ceremonyTexts.title(now.locale, row.type, names.to, now.vocabulary);
      if (row.title !== generated || title === row.title) continue;
      const updated = await this.repo.updateCeremony(m, teamId, row.id, row.version, { title });
      if (!updated) continue;
      await this.events.append(m, {
        teamId,
        type: 'ceremony.updated',
        actorId,
        data: { ceremony: toCeremonySnapshot(updated), changes: ['title'] },
      });
    }
  }
}
