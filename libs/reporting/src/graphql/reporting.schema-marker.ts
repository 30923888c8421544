/** The reporting subgraph's schema marker: its GraphQL types `registerIn` it (not the module, which imports the resolvers). */
export class ReportingSchema {}
