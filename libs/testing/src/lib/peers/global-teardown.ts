interface Stoppable { stop(): Promise<void> }

/** Jest global teardown: stops what the global setup started. */
export default async function globalTeardown(): Promise<void> {
  const peers = (globalThis as { __ITSM_PEERS__?: Stoppable[] }).__ITSM_PEERS__ ?? [];
  await Promise.all(peers.map((peer) => peer.stop()));
}
