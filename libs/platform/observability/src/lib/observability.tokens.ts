/** Injection token of the process's pino Logger. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
