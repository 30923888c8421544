/** Every business calendar with its version (staff read them; admins change them). No parameters. */
export type SlaCalendarsQuery = Readonly<Record<string, never>>;
