import { newEd25519KeyPair, newHmacSecret, WebhookKeyErrorCode } from '@itsm/platform/webhooks';
import { CmdbError, CmdbErrorCode } from '../../../domain';
import type { CiClass, CmdbDataModel, DiscoverySource, RelationshipType } from '../../../domain';
import type { DataModelWriter } from '../../cmdb-data-model.service';
import { toSourceGql } from '../../../graphql/cmdb-graphql.mapper';
import { dataModelWith } from '../../test-fixtures/in-memory-cmdb';
import { SaveDiscoverySourceCommand } from './save-discovery-source.command';
import type { DiscoverySourceChange } from './save-discovery-source.command';
import { SaveDiscoverySourceHandler } from './save-discovery-source.handler';

/** The data model in force, changed by what the handler saves. */
class FakeDataModel implements DataModelWriter {
  constructor(private dataModel: CmdbDataModel) {}
  current(): CmdbDataModel {
    return this.dataModel;
  }
  withDataModel<T>(use: (dataModel: CmdbDataModel) => T | Promise<T>): Promise<T> {
    return Promise.resolve(use(this.dataModel));
  }
  saveEntry<T extends CiClass | RelationshipType | DiscoverySource>(_kind: string, entry: T): Promise<T> {
    this.dataModel = this.dataModel.withSource(entry as DiscoverySource);
    return Promise.resolve(entry);
  }
}

const SCANNER: DiscoverySourceChange = { id: 'network-scanner', label: 'Network scanner', precedence: 40, attributePrecedence: {}, mayCreate: false };

async function refusal(run: Promise<unknown>): Promise<CmdbError> {
  const error: unknown = await run.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof CmdbError)) throw new Error(`expected a CmdbError, got ${String(error)}`);
  return error;
}

describe('SaveDiscoverySourceHandler: a source\'s verification keys', () => {
  const pair = newEd25519KeyPair();
  const secret = newHmacSecret();

  it('saves one or two keys, keeps them when a change leaves them out, clears them with an empty list', async () => {
    const store = new FakeDataModel(dataModelWith());
    const handler = new SaveDiscoverySourceHandler(store);
    await handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [pair.publicKey, secret] }, 0, 'admin'));
    const relabelled = await handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, label: 'Scanner v2' }, 1, 'admin'));
    expect(relabelled.verificationKeys).toEqual([pair.publicKey, secret]);
    expect(store.current().source('network-scanner').label).toBe('Scanner v2');
    const cleared = await handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [] }, 2, 'admin'));
    expect(cleared.verificationKeys).toEqual([]);
  });

  it('refuses a key that does not parse (naming its position and why), a private key, three keys, a key given twice', async () => {
    const handler = new SaveDiscoverySourceHandler(new FakeDataModel(dataModelWith()));
    const bad = await refusal(handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [secret, 'whpk_AAAA'] }, 0, 'admin')));
    expect(bad).toMatchObject({ code: CmdbErrorCode.InvalidSource, details: { source: 'network-scanner', keyIndex: 1, keyCode: WebhookKeyErrorCode.BadLength } });
    // the signer's private key is not a verifying key: whoever holds it could sign as the source
    expect(await refusal(handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [pair.privateKey] }, 0, 'admin')))).toMatchObject({ code: CmdbErrorCode.InvalidSource, details: { keyIndex: 0, keyCode: WebhookKeyErrorCode.WrongPrefix } });
    expect(await refusal(handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [secret, pair.publicKey, newHmacSecret()] }, 0, 'admin')))).toMatchObject({ code: CmdbErrorCode.InvalidSource });
    expect(await refusal(handler.execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [secret, secret] }, 0, 'admin')))).toMatchObject({ code: CmdbErrorCode.InvalidSource });
  });

  it('shows a key by fingerprint and kind only, never the key', async () => {
    const saved = await new SaveDiscoverySourceHandler(new FakeDataModel(dataModelWith())).execute(new SaveDiscoverySourceCommand({ ...SCANNER, verificationKeys: [secret, pair.publicKey] }, 0, 'admin'));
    const shown = toSourceGql(saved);
    expect(shown.verificationKeys).toEqual([
      { id: expect.stringMatching(/^sha256:[0-9a-f]{16}$/), kind: 'hmac' },
      { id: expect.stringMatching(/^sha256:[0-9a-f]{16}$/), kind: 'ed25519' },
    ]);
    expect(JSON.stringify(shown)).not.toContain(secret.slice('whsec_'.length));
    expect(JSON.stringify(shown)).not.toContain(pair.publicKey.slice('whpk_'.length));
  });
});
