import { Injectable } from '@nestjs/common';
import { RuntimeConfig } from '../../config/runtime-config';
import type { Lang } from '../../i18n/locale';
import { Localizer } from '../../i18n/localizer.service';
import type { Terms } from '../../i18n/vocabulary';
import { MailContent, renderMail } from './layout';

export interface InvitationMail {
  inviterName: string | null;
  teamName: string;
  workspaceName: string;
  process: 'scrum' | 'kanban';
  role: 'product_owner' | 'scrum_master' | 'developer' | 'stakeholder';
  token: string;
  expiresAt: Date;
  timezone: string;
  /** The team's words (Vocabulary.terms), so the message speaks as the team does. */
  terms: Terms;
}

export interface PasswordResetMail {
  displayName: string;
  email: string;
  token: string;
}

/**
 * The messages ritmo sends, one method per kind, all through renderMail (one layout, texts in
 * src/i18n/<lang>/mail.json). Links are built from PUBLIC_URL; single-use tokens travel in the
 * fragment (`#…`), which browsers never send to a server, so no access log holds them.
 */
@Injectable()
export class MailTemplates {
  constructor(
    private readonly localizer: Localizer,
    private readonly config: RuntimeConfig,
  ) {}

  /** An absolute link into the web client. */
  link(path: string, fragment?: string): string {
    return `${this.config.publicUrl}${path}${fragment ? `#${fragment}` : ''}`;
  }

  invitation(lang: Lang, mail: InvitationMail): MailContent {
    const inviter = mail.inviterName ?? mail.workspaceName;
    const names = { inviter, team: mail.teamName, workspace: mail.workspaceName };
    const date = this.localizer.formatDate(
      lang,
      mail.expiresAt,
      { dateStyle: 'long', timeStyle: 'short' },
      mail.timezone,
    );
    return renderMail(this.localizer, lang, {
      publicUrl: this.config.publicUrl,
      subject: { key: 'invitation.subject', args: names },
      greeting: { key: 'invitation.greeting' },
      paragraphs: [
        {
          key: 'invitation.body',
          args: { ...names, role: this.localizer.t(lang, `mail.role.${mail.role}`) },
        },
        { key: `invitation.${mail.process}`, args: { ...mail.terms } },
      ],
      action: { label: { key: 'invitation.action' }, url: this.link('/join', mail.token) },
      notes: [{ key: 'invitation.expires', args: { date } }, { key: 'invitation.ignore' }],
    });
  }

  passwordReset(lang: Lang, mail: PasswordResetMail): MailContent {
    return renderMail(this.localizer, lang, {
      publicUrl: this.config.publicUrl,
      subject: { key: 'passwordReset.subject' },
      greeting: { key: 'passwordReset.greeting', args: { name: mail.displayName } },
      paragraphs: [{ key: 'passwordReset.body', args: { email: mail.email } }],
      action: {
        label: { key: 'passwordReset.action' },
        url: this.link('/reset-password', mail.token),
      },
      notes: [{ key: 'passwordReset.expires' }, { key: 'passwordReset.ignore' }],
    });
  }
}
