import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, ValidationFailedError } from '../common/errors/domain-error';
import { PROBLEM_TYPE_PREFIX, toProblem } from '../common/errors/problem-details';
import { assertCleanJson, fieldErrors } from '../common/validation';

export type Ack<T> =
  | ({ ok: true } & T)
  | { ok: false; error: { type: string; status: number; detail: string; errors?: unknown } };

/** Socket messages are validated with the same rules as REST bodies: unknown fields are errors. */
export async function parseMessage<T extends object>(
  type: new () => T,
  payload: unknown,
): Promise<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ValidationFailedError([{ field: '(message)', message: 'must be a JSON object' }]);
  }
  assertCleanJson(payload);
  const instance = plainToInstance(type, payload);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new ValidationFailedError(fieldErrors(errors));
  return instance;
}

/** Runs a message handler and turns any error into an error acknowledgement; never throws. */
export async function ack<T extends object>(
  work: () => Promise<T>,
  event: string,
): Promise<Ack<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    const problem = toProblem(error, `socket:${event}`);
    const body = problem.body;
    return {
      ok: false,
      error: {
        type: body.type,
        status: body.status,
        detail:
          error instanceof DomainError || problem.status < 500 ? body.detail : 'Unexpected error',
        ...(body.errors ? { errors: body.errors } : {}),
      },
    };
  }
}

export const RATE_LIMITED = {
  ok: false as const,
  error: {
    type: `${PROBLEM_TYPE_PREFIX}rate-limited`,
    status: 429,
    detail: 'Too many messages: slow down',
  },
};
