import { Injectable } from '@nestjs/common';
import { ConflictError, ValidationFailedError } from '../common/errors/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Actor } from '../identity/actor';
import { EventLog } from '../events/event-log';
import type { CreateTemplateDto, RetroTemplateDto } from './dto/template.dto';
import { BUILT_IN_TEMPLATES, builtInTemplate, type Locale } from './retro-texts';
import { RetroAccess } from './retro-access';
import { RetroRepository } from './retro.repository';
import { TemplateRow, TemplatesRepository } from './templates.repository';

/** Built-in templates in the team's language, and the ones a team saves for itself. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly access: RetroAccess,
    private readonly repo: RetroRepository,
    private readonly templates: TemplatesRepository,
    private readonly events: EventLog,
    private readonly tx: TransactionService,
  ) {}

  builtIns(locale: Locale): RetroTemplateDto[] {
    return BUILT_IN_TEMPLATES.map((key) => {
      const template = builtInTemplate(key, locale);
      return { id: key, builtIn: true, name: template.name, columns: template.columns };
    });
  }

  async forTeam(actor: Actor, teamId: string): Promise<RetroTemplateDto[]> {
    await this.access.team(actor, teamId, 'team.read');
    const team = await this.repo.team(teamId);
    return [...this.builtIns(team.locale), ...(await this.templates.templates(teamId)).map(toDto)];
  }

  async create(actor: Actor, teamId: string, dto: CreateTemplateDto): Promise<RetroTemplateDto> {
    await this.access.team(actor, teamId, 'retro.facilitate');
    const seen = new Set<string>();
    const errors = dto.columns.flatMap((column, index) => {
      if (seen.has(column.key))
        return [{ field: `columns.${index}.key`, message: 'is the key of another column' }];
      seen.add(column.key);
      return [];
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return this.tx.run(async (m) => {
      const row = await this.templates.insertTemplate(m, teamId, {
        name: dto.name,
        columns: dto.columns.map((c) => ({ key: c.key, title: c.title, prompt: c.prompt ?? '' })),
        createdBy: actor.userId,
      });
      if (!row)
        throw new ConflictError('template-name-taken', 'The team has a template of that name');
      const template = toDto(row);
      await this.events.append(m, {
        teamId,
        type: 'retro.template_created',
        actorId: actor.userId,
        data: { template: { id: row.id, name: row.name, columns: row.columns } },
      });
      return template;
    });
  }
}

function toDto(row: TemplateRow): RetroTemplateDto {
  return { id: row.id, builtIn: false, name: row.name, columns: row.columns };
}
