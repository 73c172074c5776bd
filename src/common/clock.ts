import { Injectable } from '@nestjs/common';

/**
 * The application's notion of "now". Reports bucket events by day, so tests must control the
 * day an event happened on: they replace `now` on the app's Clock instance
 * (`jest.spyOn(app.get(Clock), 'now')`). Production uses the system time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
