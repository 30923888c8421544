export const SLA_TIMERS = Symbol('SLA_TIMERS');
