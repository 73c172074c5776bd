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
 * Iterative, so a 1 MB body of `[[[[…` cannot overflow the stack here. class-transformer and
 * class-validator recurse and did overflow on such a body (a 500 found by the API fuzzer).
 */
export function assertJsonDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) {
      throw new BadRequestError(
        'body-too-deep',
        `The request body nests deeper than ${max} levels`,
        { max },
      );
    }
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
}

class RitmoValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only bodies this pipe will walk: other arguments (a socket) are object graphs with cycles,
    // and socket messages (typed unknown) are checked by parseMessage into an error ack.
    if (metadata.type === 'body' && this.toValidate(metadata)) assertJsonDepth(value);
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
