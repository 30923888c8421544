/** Time as the application sees it: injected, so schedules (auto-close, SLA timers) are testable. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
