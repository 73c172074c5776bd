import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useInvitations,
  useInvite,
  useResendInvitation,
  useRevokeInvitation,
  type InvitationCreated,
  type TeamRole,
} from '../../api/invitations';
import { formatDate } from '../../i18n/format';
import { CopyField } from '../../ui/CopyField';
import { fieldError, SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ROLES } from './MembersSection';

/** The link to send: the token in the fragment, so it never reaches a server log. */
export function invitationLink(token: string, origin = location.origin): string {
  return `${origin}/join#${token}`;
}

/**
 * Invite by email with a role. ritmo emails the link; the page also shows it once (the server
 * keeps only its hash), for when it must travel another way. Sending again makes a new link.
 */
export function InvitationsSection({ teamId }: { teamId: string }) {
  const { t, i18n } = useTranslation(['settings', 'common']);
  const pending = useInvitations(teamId, true);
  const invite = useInvite(teamId);
  const revoke = useRevokeInvitation(teamId);
  const resend = useResendInvitation(teamId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamRole>('developer');
  const [created, setCreated] = useState<InvitationCreated & { resent?: boolean }>();

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate(
      { email, role },
      {
        onSuccess: (invitation) => {
          setCreated(invitation);
          setEmail('');
        },
      },
    );
  }

  return (
    <section aria-labelledby="invitations-title" className="mb-5">
      <h2 id="invitations-title" className="h3">
        {t('invitations.title')}
      </h2>
      <ProblemAlert error={invite.error ?? revoke.error ?? resend.error ?? pending.error} />
      <form onSubmit={submit} noValidate className="mb-4">
        <div className="row">
          <div className="col-12 col-md-7">
            <TextField
              id="invite-email"
              label={t('invitations.email')}
              type="email"
              autoComplete="off"
              required
              value={email}
              error={fieldError(invite.error, 'email')}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="col-12 col-md-5">
            <SelectField
              id="invite-role"
              label={t('invitations.role')}
              value={role}
              onChange={(event) => setRole(event.target.value as TeamRole)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`common:roles.${r}`)}
                </option>
              ))}
            </SelectField>
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
          {t('invitations.submit')}
        </button>
      </form>
      {created ? (
        <div className="callout success" data-testid="invitation-created">
          <div className="callout-title">
            {t(created.resent ? 'invitations.resentTitle' : 'invitations.createdTitle')}
          </div>
          <p>{t('invitations.created', { email: created.email })}</p>
          <CopyField
            label={t('invitations.link')}
            value={invitationLink(created.token)}
            testId="invitation-link"
          />
        </div>
      ) : null}
      <h3 className="h5">{t('invitations.pending')}</h3>
      {pending.data?.length ? (
        <ul className="list-unstyled" data-testid="pending-invitations">
          {pending.data.map((invitation) => (
            <li key={invitation.id} className="d-flex flex-wrap align-items-center gap-3 mb-2">
              <span>
                {invitation.email} — {t(`common:roles.${invitation.role}`)} —{' '}
                {t('invitations.expires', {
                  date: formatDate(invitation.expiresAt, i18n.language),
                })}
              </span>
              <button
                type="button"
                className="btn btn-sm btn-outline-primary"
                disabled={resend.isPending}
                onClick={() =>
                  resend.mutate(invitation.id, {
                    onSuccess: (again) => setCreated({ ...again, resent: true }),
                  })
                }
              >
                {t('invitations.resend', { email: invitation.email })}
              </button>
              <button
                type="button"
                className="btn btn-sm btn-outline-danger"
                onClick={() => revoke.mutate(invitation.id)}
              >
                {t('invitations.revoke', { email: invitation.email })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('invitations.none')}</p>
      )}
    </section>
  );
}
