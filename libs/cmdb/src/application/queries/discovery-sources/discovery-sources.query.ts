/** The discovery sources in force, with their precedence. */
export class DiscoverySourcesQuery {}
