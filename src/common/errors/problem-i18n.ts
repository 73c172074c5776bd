import {
  DomainError,
  FieldError,
  NotFoundError,
  PerLanguage,
  translationKeyOf,
} from './domain-error';
import type { Lang } from '../../i18n/locale';
import type { Args, Localizer } from '../../i18n/localizer.service';
import type { ProblemBody } from './problem-details';
import { PROBLEM_TYPE_PREFIX } from './problem-details';

/**
 * The problem body in the reader's language: `title` by status, `detail` by the problem's code
 * (`errors.detail.<code>`), each field error by its constraint or its message
 * (`validation.*`); in English the thrown detail stays, being the more specific. `type` and
 * every machine-readable member stay as they are. A text without
 * a translation (a code added without one) keeps the English of the code that threw it.
 */
export function localizeProblem(
  body: ProblemBody,
  error: unknown,
  lang: Lang,
  localizer: Localizer,
): ProblemBody {
  const code = body.type.startsWith(PROBLEM_TYPE_PREFIX)
    ? body.type.slice(PROBLEM_TYPE_PREFIX.length)
    : body.type;
  const title =
    localizer.find(lang, `errors.title.${body.status}`) ??
    localizer.find(lang, `errors.title.${body.status >= 500 ? '5xx' : '4xx'}`) ??
    body.title;
  const errors = Array.isArray(body.errors)
    ? body.errors.map((e) => localizeFieldError(e, lang, localizer))
    : undefined;
  // Details are written in English where they are thrown, naming the very sprint, field or
  // limit at fault; the catalogue's English is a per-code summary, so English keeps the original.
  const detail =
    lang === 'en' && code !== 'validation-failed'
      ? body.detail
      : (localizeDetail(code, body, error, errors, lang, localizer) ?? body.detail);
  return { ...body, title, detail, ...(errors ? { errors } : {}) };
}

function localizeDetail(
  code: string,
  body: ProblemBody,
  error: unknown,
  errors: FieldError[] | undefined,
  lang: Lang,
  localizer: Localizer,
): string | undefined {
  const domain = error instanceof DomainError ? error : undefined;
  const args: Args = { ...body, ...(domain?.extensions ?? {}), ...(domain?.params ?? {}) };
  switch (code) {
    case 'validation-failed': {
      if (!errors || errors.length === 0) return undefined;
      const fields = [...new Set(errors.map((e) => e.field))];
      return fields.length === 1
        ? localizer.find(lang, 'errors.detail.validation-failed-one', { ...errors[0] })
        : localizer.find(lang, 'errors.detail.validation-failed-many', {
            count: fields.length,
            fields: fields.join(', '),
          });
    }
    case 'not-found': {
      if (!(error instanceof NotFoundError))
        return localizer.find(lang, 'errors.detail.route-not-found');
      const resource = String(args.resource);
      const named: Args = {
        ...args,
        resource: localizer.find(lang, `errors.resource.${resource}`) ?? resource,
      };
      return named.id === undefined
        ? localizer.find(lang, 'errors.detail.not-found-no-id', named)
        : localizer.find(lang, 'errors.detail.not-found', named);
    }
    case 'precondition-failed': {
      const version = (args.current as { version?: unknown } | undefined)?.version;
      return (
        localizer.find(lang, 'errors.detail.precondition-failed', { version }) ??
        localizer.find(lang, 'errors.detail.precondition-failed-generic')
      );
    }
    default:
      return (
        localizer.find(lang, `errors.detail.${code}`, args) ??
        localizer.find(lang, `errors.detail.${code}-generic`, args)
      );
  }
}

function localizeFieldError(error: FieldError, lang: Lang, localizer: Localizer): FieldError {
  const known = translationKeyOf(error);
  // A message the catalogue knows (a DTO's own wording) beats its constraint's generic text.
  let message: string | undefined = error.message.includes('.')
    ? undefined
    : localizer.find(lang, `validation.message.${error.message}`);
  if (message === undefined && known) {
    const args = Object.fromEntries(
      Object.entries(known.args).map(([name, value]) => [
        name,
        value instanceof PerLanguage ? (value.texts[lang] ?? value.texts.en) : value,
      ]),
    );
    message = localizer.find(lang, `validation.constraint.${known.key}`, args);
    if (message !== undefined && known.args.each === true)
      message = localizer.find(lang, 'validation.constraint.each', { message }) ?? message;
  }
  return { field: error.field, message: message ?? error.message };
}
