import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import {
  BadRequestError,
  FieldError,
  ValidationFailedError,
  withTranslationKey,
} from './errors/domain-error';

/** No DTO nests deeper than a few levels; 32 leaves room and keeps recursion bounded. */
export const MAX_JSON_DEPTH = 32;

/**
 * C0 and C1 control characters but tab and line breaks. PostgreSQL text and jsonb cannot hold
 * NUL at all (a 500 before this check), and nothing a person types holds the others.
 */
// eslint-disable-next-line no-control-regex -- these are the characters refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** At most this many text problems are listed: a body of a million bad strings stays one 400. */
const MAX_TEXT_ERRORS = 20;

function textProblem(text: string): string | null {
  if (CONTROL.test(text)) return 'must not hold control characters';
  // A lone surrogate is not Unicode: PostgreSQL refuses it inside jsonb, and no client sends one
  // from real text.
  if (LONE_SURROGATE.test(text)) return 'must not hold unpaired surrogates';
  return null;
}

/**
 * Every REST body and query and every socket message passes here before any DTO sees it, so
 * each text field of every operation is covered, present and future. Iterative, so a 1 MB body
 * of `[[[[…` cannot overflow the stack (class-transformer and class-validator recurse and did
 * overflow on such a body, a 500 found by the API fuzzer). Keys are texts too: a NUL in a key
 * of a JSON-stored field failed in the database.
 */
export function assertCleanJson(value: unknown, max = MAX_JSON_DEPTH): void {
  const errors: FieldError[] = [];
  const stack: [unknown, number, string][] = [[value, 0, '']];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0 && errors.length < MAX_TEXT_ERRORS) {
    const [current, depth, path] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) errors.push({ field: path || '(body)', message: problem });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) {
      throw new BadRequestError(
        'body-too-deep',
        `The request body nests deeper than ${max} levels`,
        { max },
      );
    }
    for (const [key, child] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) errors.push({ field: at(path, '(key)'), message: problem });
      else stack.push([child, depth + 1, at(path, key)]);
    }
  }
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

class RitmoValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only bodies and queries: other arguments (a socket) are object graphs with cycles, and
    // socket messages (typed unknown) are checked by parseMessage into an error ack.
    if ((metadata.type === 'body' || metadata.type === 'query') && this.toValidate(metadata))
      assertCleanJson(value);
    return super.transform(value, metadata);
  }
}

/** Flattens class-validator's tree into `field` paths such as `items.2.title`. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
      withTranslationKey(
        {
          field,
          message: message.startsWith(`property ${error.property} should not exist`)
            ? 'is not a known field'
            : message,
        },
        constraint,
        constraintArgs(error, constraint),
      ),
    );
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * The arguments of a failed constraint (`{0}` = the max length, the allowed values…), read
 * from class-validator's metadata, so that the message can be said in the reader's language.
 */
function constraintArgs(error: ValidationError, constraint: string): Record<string, unknown> {
  const target = error.target as object | undefined;
  if (!target || typeof target !== 'object') return {};
  const meta = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name ?? m.type) === constraint);
  if (!meta) return {};
  const args: Record<string, unknown> = { each: meta.each === true };
  (meta.constraints ?? []).forEach((value: unknown, i: number) => {
    args[i] = Array.isArray(value) ? value.join(', ') : value;
  });
  return args;
}

/** Shared by REST (global pipe) and, later, the socket gateway: unknown fields are errors. */
export function createValidationPipe(): ValidationPipe {
  return new RitmoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    // The target lets fieldErrors find a constraint's arguments; it never reaches a response.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(fieldErrors(errors)),
  });
}
