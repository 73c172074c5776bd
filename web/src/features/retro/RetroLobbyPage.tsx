import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCreateRetro, useRetros, useRetroTemplates, type CreateRetro } from '../../api/retro';
import { type Team } from '../../api/teams';
import { usePageTitle } from '../../app/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { useTeamT } from '../../i18n/vocabulary';
import { fieldError, SelectField, TextField } from '../../ui/Field';
import { EmptyState, Loading } from '../../ui/Loading';
import { ProblemAlert } from '../../ui/ProblemAlert';
import './retro.css';
import { TeamPage } from '../../app/TeamPage';

type BuiltIn = NonNullable<CreateRetro['template']>;

function NewRetroForm({ team }: { team: Team }) {
  const { t } = useTeamT('retro');
  const navigate = useNavigate();
  const templates = useRetroTemplates(team.id);
  const create = useCreateRetro(team.id);
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('start_stop_continue');
  const [anonymous, setAnonymous] = useState(false);
  const [privateWriting, setPrivateWriting] = useState(true);
  const [budget, setBudget] = useState('5');
  function submit(e: FormEvent) {
    e.preventDefault();
    const builtIn = templates.data?.find((tpl) => tpl.id === template)?.builtIn ?? true;
    const chosen = builtIn ? { template: template as BuiltIn } : { templateId: template };
    create.mutate(
      {
        ...chosen,
        ...(title.trim() ? { title: title.trim() } : {}),
        anonymous,
        privateWriting,
        voteBudget: Number(budget),
      },
      { onSuccess: (retro) => void navigate(`/teams/${team.id}/retro/${retro.id}`) },
    );
  }
  const chosen = templates.data?.find((tpl) => tpl.id === template);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-retro-title">
      <h2 id="new-retro-title" className="h4">
        {t('new.title')}
      </h2>
      <ProblemAlert error={create.error} />
      <TextField
        id="retro-title"
        label={t('new.name')}
        hint={t('new.nameHint')}
        value={title}
        maxLength={200}
        error={fieldError(create.error, 'title')}
        onChange={(e) => setTitle(e.target.value)}
      />
      <SelectField
        id="retro-template"
        label={t('new.template')}
        value={template}
        hint={chosen ? chosen.columns.map((c) => c.title).join(' · ') : undefined}
        onChange={(e) => setTemplate(e.target.value)}
      >
        {(templates.data ?? []).map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.name}
          </option>
        ))}
      </SelectField>
      <div className="form-check">
        <input
          id="retro-anonymous"
          type="checkbox"
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
        <label htmlFor="retro-anonymous">{t('new.anonymous')}</label>
      </div>
      <div className="form-check">
        <input
          id="retro-private"
          type="checkbox"
          checked={privateWriting}
          onChange={(e) => setPrivateWriting(e.target.checked)}
        />
        <label htmlFor="retro-private">{t('new.private')}</label>
      </div>
      <TextField
        id="retro-budget"
        label={t('new.budget')}
        type="number"
        min={1}
        max={20}
        value={budget}
        error={fieldError(create.error, 'voteBudget')}
        onChange={(e) => setBudget(e.target.value)}
      />
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {t('new.submit')}
      </button>
    </form>
  );
}

function Lobby({ team }: { team: Team }) {
  const { t, i18n } = useTeamT('retro');
  usePageTitle(t('lobby.title'));
  const retros = useRetros(team.id);
  const list = retros.data ?? [];
  return (
    <>
      <h1>{t('lobby.title')}</h1>
      <p>{t('lobby.intro')}</p>
      <section aria-labelledby="retros-title" className="mb-5">
        <h2 id="retros-title" className="h4">
          {t('lobby.list')}
        </h2>
        {retros.isPending ? <Loading /> : null}
        <ProblemAlert error={retros.error} />
        {retros.data && !list.length ? <EmptyState title={t('lobby.none')} /> : null}
        <ul className="list-unstyled" data-testid="retros">
          {list.map((r) => (
            <li key={r.id} className="mb-2">
              <Link to={`/teams/${team.id}/retro/${r.id}`}>{r.title}</Link>
              <span className="small ms-2">
                {formatDateTime(r.createdAt, i18n.language, team.timezone)}
                {' · '}
                {t(`phase.${r.phase}`)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {/* retro.facilitate: scrum masters open and run retrospectives. */}
      {team.myRole === 'scrum_master' ? <NewRetroForm team={team} /> : null}
    </>
  );
}

export default function RetroLobbyPage() {
  const { teamId = '' } = useParams();
  return <TeamPage teamId={teamId}>{(team) => <Lobby team={team} />}</TeamPage>;
}
