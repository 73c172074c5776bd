import { Param, PipeTransform } from '@nestjs/common';
import { NotFoundError } from './errors/domain-error';

import { isUuid } from '../database/uuid';

/**
 * An id in the path that is not a UUID cannot name anything: answer exactly as for an id that
 * does not exist (404), so probing the URL space tells nothing.
 */
class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}
  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundError(this.resource, value.slice(0, 64));
    return value.toLowerCase();
  }
}

export const UuidParam = (name: string, resource: string) => Param(name, new UuidPipe(resource));
