import { useTranslation } from 'react-i18next';
import type { TeamRole } from '../../api/invitations';
import { useChangeRole, useRemoveMember } from '../../api/team-settings';
import { useTeamMembers } from '../../api/teams';
import { Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';

export const ROLES: TeamRole[] = ['product_owner', 'scrum_master', 'developer', 'stakeholder'];

/** Members and their roles; the role and removal controls only for those who manage members. */
export function MembersSection({
  teamId,
  editable,
  myUserId,
}: {
  teamId: string;
  editable: boolean;
  myUserId: string | undefined;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const members = useTeamMembers(teamId);
  const changeRole = useChangeRole(teamId);
  const remove = useRemoveMember(teamId);
  return (
    <section aria-labelledby="members-title" className="mb-5">
      <h2 id="members-title" className="h3">
        {t('members.title')}
      </h2>
      <ProblemAlert error={members.error ?? changeRole.error ?? remove.error} />
      {members.isPending ? (
        <Loading />
      ) : (
        <div className="table-responsive">
          <table className="table" data-testid="members">
            <caption className="visually-hidden">{t('members.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.email')}</th>
                <th scope="col">{t('members.role')}</th>
                {editable ? <th scope="col">{t('members.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {(members.data ?? []).map((member) => (
                <tr key={member.userId}>
                  <th scope="row">{member.displayName}</th>
                  <td>{member.email}</td>
                  <td>
                    {editable ? (
                      <select
                        className="form-select"
                        aria-label={t('members.roleOf', { name: member.displayName })}
                        value={member.role}
                        onChange={(event) =>
                          changeRole.mutate({
                            userId: member.userId,
                            role: event.target.value as TeamRole,
                          })
                        }
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`common:roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`common:roles.${member.role}`)
                    )}
                  </td>
                  {editable ? (
                    <td>
                      <button
                        type="button"
                        className="btn btn-sm btn-outline-danger"
                        onClick={() => {
                          if (
                            window.confirm(t('members.confirmRemove', { name: member.displayName }))
                          )
                            remove.mutate(member.userId);
                        }}
                      >
                        {member.userId === myUserId
                          ? t('members.leave')
                          : t('members.remove', { name: member.displayName })}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
