import { useState, type FormEvent } from 'react';
import { useCreateTeam, useCreateWorkspace } from '../../api/teams';
import { useTeamT } from '../../i18n/vocabulary';
import { fieldError, SelectField, TextField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/ProblemAlert';

/** A new workspace: one public body (a town, the union). Whoever creates it administers it. */
export function CreateWorkspaceForm() {
  const { t } = useTeamT('home');
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: () => setName('') });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-workspace-title" className="mb-4">
      <h2 id="create-workspace-title" className="h4">
        {t('createWorkspace.title')}
      </h2>
      <p>{t('createWorkspace.intro')}</p>
      <ProblemAlert error={create.error} />
      <TextField
        id="workspace-name"
        label={t('createWorkspace.name')}
        hint={t('createWorkspace.hint')}
        required
        value={name}
        error={fieldError(create.error, 'name')}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {t('createWorkspace.submit')}
      </button>
    </form>
  );
}

/** A new team in a workspace the person administers. */
export function CreateTeamForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTeamT('home');
  const create = useCreateTeam(workspaceId);
  const [name, setName] = useState('');
  const [process, setProcess] = useState<'scrum' | 'kanban'>('scrum');
  const titleId = `create-team-${workspaceId}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name, process }, { onSuccess: () => setName('') });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="mt-3">
      <h3 id={titleId} className="h5">
        {t('createTeam.title')}
      </h3>
      <ProblemAlert error={create.error} />
      <TextField
        id={`team-name-${workspaceId}`}
        label={t('createTeam.name')}
        hint={t('createTeam.hint')}
        required
        value={name}
        error={fieldError(create.error, 'name')}
        onChange={(event) => setName(event.target.value)}
      />
      <SelectField
        id={`team-process-${workspaceId}`}
        label={t('createTeam.process')}
        value={process}
        onChange={(event) => setProcess(event.target.value as 'scrum' | 'kanban')}
      >
        <option value="scrum">{t('createTeam.scrum')}</option>
        <option value="kanban">{t('createTeam.kanban')}</option>
      </SelectField>
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {t('createTeam.submit')}
      </button>
    </form>
  );
}
