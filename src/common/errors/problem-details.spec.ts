import { HttpException } from '@nestjs/common';
import { NotFoundError, PreconditionFailedError, ValidationFailedError } from './domain-error';
import { toProblem } from './problem-details';

describe('toProblem', () => {
  it('maps domain errors to their status and a stable type', () => {
    const problem = toProblem(new NotFoundError('Backlog item', 'abc'), '/api/v1/x', 'req-1');
    expect(problem.status).toBe(404);
    expect(problem.body).toEqual({
      type: 'urn:ritmo:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'Backlog item abc not found',
      instance: '/api/v1/x',
      requestId: 'req-1',
      resource: 'Backlog item',
    });
  });

  it('carries field errors and extension members', () => {
    const validation = toProblem(
      new ValidationFailedError([{ field: 'title', message: 'too long' }]),
      '/',
    );
    expect(validation.body.errors).toEqual([{ field: 'title', message: 'too long' }]);
    const stale = toProblem(new PreconditionFailedError('stale', { version: 3 }), '/');
    expect(stale.status).toBe(412);
    expect(stale.body.current).toEqual({ version: 3 });
  });

  it('never leaks an unexpected error', () => {
    const problem = toProblem(new Error('duplicate key value violates "users_pkey"'), '/', 'id-9');
    expect(problem.status).toBe(500);
    expect(problem.unexpected).toBe(true);
    expect(JSON.stringify(problem.body)).not.toContain('users_pkey');
    expect(problem.body.correlationId).toBe('id-9');
  });

  it('maps wrapped platform errors by their code', () => {
    const cause = Object.assign(new Error('too big'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    const problem = toProblem(new HttpException('too big', 413, { cause }), '/');
    expect(problem.body.type).toBe('urn:ritmo:problem:payload-too-large');
  });

  it('treats a 5xx HttpException as internal', () => {
    expect(toProblem(new HttpException('db down at 10.0.0.3', 503), '/').body.detail).not.toContain(
      '10.0.0.3',
    );
  });
});
