import type { DiscoverySource } from '../../../domain';

/** What an admin sets of a source; `verificationKeys` left out keeps the source's keys (they are never shown back). */
export type DiscoverySourceChange = Omit<DiscoverySource, 'builtIn' | 'version' | 'verificationKeys'> & { readonly verificationKeys?: readonly string[] };

/** Add (expectedVersion 0) or change a discovery source, at the version the admin saw. */
export class SaveDiscoverySourceCommand {
  constructor(
    readonly source: DiscoverySourceChange,
    readonly expectedVersion: number,
    readonly by: string,
  ) {}
}
