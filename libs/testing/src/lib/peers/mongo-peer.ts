import { startEmbeddedMongo } from '@itsm/platform/persistence';

export interface MongoPeer {
  readonly url: string;
  /** True when the peer is a real MongoDB (MONGO_URL given), false for the embedded CongoDB. */
  readonly real: boolean;
  stop(): Promise<void>;
}

/** A real MongoDB when `url` is given (MONGO_URL), otherwise the embedded CongoDB. */
export async function startMongoPeer(url?: string): Promise<MongoPeer> {
  if (url !== undefined && url !== '') return { url, real: true, stop: () => Promise.resolve() };
  const embedded = await startEmbeddedMongo();
  return { ...embedded, real: false };
}
