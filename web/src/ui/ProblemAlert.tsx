import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';

/**
 * Shows why the server refused: the problem's `detail` is already in the person's language
 * (the client sends Accept-Language). A 403 says what the role may not do, not "error".
 */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  const heading =
    title ??
    (problem?.status === 403
      ? t('problem.forbidden')
      : problem?.status === 404
        ? t('problem.notFound')
        : problem?.status === 412
          ? t('problem.conflict')
          : t('problem.generic'));
  const detail = problem ? problem.message : t('problem.network');
  return (
    <div className="alert alert-danger" role="alert">
      <h2 className="h5 alert-heading">{heading}</h2>
      <p className="mb-0">{detail}</p>
      {problem?.problem.errors?.length ? (
        <ul className="mb-0 mt-2">
          {problem.problem.errors.map((e) => (
            <li key={`${e.field}-${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
