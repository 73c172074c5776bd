import type { components } from './schema';

export type Problem = components['schemas']['ProblemDto'];

/** A refused request: the server's problem+json, whose `detail` is already in the user's language. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
  }

  get code(): string | undefined {
    const type = this.problem.type;
    return typeof type === 'string' ? type.split(/[:/]/).pop() : undefined;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** openapi-fetch returns { data, error }; hooks want data or a thrown ApiProblem. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.error !== undefined || !result.response.ok) {
    const body =
      result.error && typeof result.error === 'object' ? (result.error as Partial<Problem>) : {};
    throw new ApiProblem(result.response.status, body);
  }
  return result.data as T;
}

export function isProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}
