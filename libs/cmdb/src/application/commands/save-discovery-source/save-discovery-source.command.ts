import type { DiscoverySource } from '../../../domain';

/** Add (expectedVersion 0) or change a discovery source, at the version the admin saw. */
export class SaveDiscoverySourceCommand {
  constructor(
    readonly source: Omit<DiscoverySource, 'builtIn' | 'version'>,
    readonly expectedVersion: number,
    readonly by: string,
  ) {}
}
