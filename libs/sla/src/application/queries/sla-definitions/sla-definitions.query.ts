/** Every SLA, OLA and UC definition with its version, active or not. No parameters. */
export type SlaDefinitionsQuery = Readonly<Record<string, never>>;
