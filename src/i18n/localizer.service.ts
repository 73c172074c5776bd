import { Injectable, OnModuleInit } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { DataSource } from 'typeorm';
import { isUuid } from '../database/uuid';
import { query } from '../database/sql';
import { DEFAULT_LANG, fromAcceptLanguage, INTL_LOCALE, isLang, Lang } from './locale';

export type Args = Record<string, unknown>;

/** What a request tells about its reader: the header, and who is asking. */
export interface LocaleHints {
  acceptLanguage?: string | string[];
  userId?: string;
}

let shared: Localizer | undefined;

/**
 * Every server-produced text goes through here: `t` looks a key up in
 * `src/i18n/<lang>/<namespace>.json` (namespace first: `errors.title.404`), `formatDate` and
 * `formatNumber` write values as the reader's language does. `resolve` picks the language:
 * Accept-Language, then the user's preference (`users.locale`), then the team's locale when a
 * team is in context, else Italian. docs/i18n.md has the rule.
 */
@Injectable()
export class Localizer implements OnModuleInit {
  constructor(
    private readonly i18n: I18nService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- for code outside DI, see shared()
    shared = this;
  }

  /**
   * For the few places outside dependency injection (errors of the HTTP parser, before any
   * request exists). Every app loads the same catalogue, so whichever registered last will do.
   */
  static shared(): Localizer | undefined {
    return shared;
  }

  /** The text, or undefined when the key is missing or a placeholder stays unfilled. */
  find(lang: Lang, key: string, args: Args = {}): string | undefined {
    const raw: unknown = this.i18n.translate(key, { lang });
    if (typeof raw !== 'string' || raw === key) return undefined;
    let complete = true;
    const text = raw.replace(/\{([\w.]+)\}/g, (_, name: string) => {
      const value = name
        .split('.')
        .reduce<unknown>(
          (v, part) => (v !== null && typeof v === 'object' ? (v as Args)[part] : undefined),
          args,
        );
      if (value === undefined || value === null) {
        complete = false;
        return '';
      }
      if (typeof value === 'number') return this.formatNumber(lang, value);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
    return complete ? text : undefined;
  }

  /** The text; the key itself when missing (a bug the parity test and reviews should catch). */
  t(lang: Lang, key: string, args: Args = {}): string {
    return this.find(lang, key, args) ?? key;
  }

  /** A whole namespace subtree, e.g. `vocabulary` or `workflow.defaults.scrum`. */
  tree<T = Record<string, string>>(lang: Lang, key: string): T {
    return this.i18n.translate(key, { lang }) as T;
  }

  formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
    return new Intl.NumberFormat(INTL_LOCALE[lang], {
      maximumFractionDigits: 2,
      ...options,
    }).format(value);
  }

  /** `date` is an instant or a calendar day (`YYYY-MM-DD`, read as that day, not as UTC midnight). */
  formatDate(
    lang: Lang,
    date: Date | string,
    options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' },
    timeZone?: string,
  ): string {
    const day = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date);
    const instant =
      typeof date === 'string' && day ? new Date(`${date}T12:00:00Z`) : new Date(date);
    return new Intl.DateTimeFormat(INTL_LOCALE[lang], {
      ...options,
      timeZone: day ? 'UTC' : timeZone,
    }).format(instant);
  }

  /** Accept-Language, then the user's preference, then the team's locale (if a member), else Italian. */
  async resolve(hints: LocaleHints, teamId?: string): Promise<Lang> {
    const header = fromAcceptLanguage(hints.acceptLanguage);
    if (header) return header;
    if (!hints.userId) return DEFAULT_LANG;
    const [row] = await query<{ user_locale: string | null; team_locale: string | null }>(
      this.dataSource,
      `SELECT u.locale AS user_locale,
              (SELECT t.locale FROM teams t
                 JOIN team_members tm ON tm.team_id = t.id AND tm.user_id = u.id
                WHERE t.id = $2::uuid) AS team_locale
         FROM users u WHERE u.id = $1::uuid`,
      [hints.userId, teamId && isUuid(teamId) ? teamId : null],
    );
    if (isLang(row?.user_locale)) return row.user_locale;
    if (isLang(row?.team_locale)) return row.team_locale;
    return DEFAULT_LANG;
  }

  /** For texts stored or sent out of band (webhook payloads, default columns): the team's locale. */
  async teamLang(teamId: string): Promise<Lang> {
    const [row] = await query<{ locale: string }>(
      this.dataSource,
      `SELECT locale FROM teams WHERE id = $1`,
      [teamId],
    );
    return isLang(row?.locale) ? row.locale : DEFAULT_LANG;
  }
}
