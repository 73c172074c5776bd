import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const SKIP_IDEMPOTENCY = 'ritmo:skip-idempotency';

/**
 * Operation ids (`<Controller>_<method>`, as in the OpenAPI document) of POST routes that opt
 * out, so the document can leave the header off them.
 */
export const SKIPPED_OPERATIONS = new Set<string>();

/**
 * This POST creates nothing a retry could duplicate (login, refresh, logout exchange or revoke
 * credentials): `Idempotency-Key` is ignored, and the response, which carries fresh secrets,
 * is never stored.
 */
export function SkipIdempotency(): MethodDecorator {
  const mark = SetMetadata(SKIP_IDEMPOTENCY, true);
  return (target, propertyKey, descriptor) => {
    const controller = (target as { constructor: { name: string } }).constructor.name;
    SKIPPED_OPERATIONS.add(`${controller.replace(/Controller$/, '')}_${String(propertyKey)}`);
    return mark(target, propertyKey, descriptor);
  };
}
