import { SystemClock } from '@itsm/platform/config';
import { parseSupplierConnection, SupplierExchangeErrorCode } from '../../../domain';
import { connection } from '../../../test-fixtures/incident-stream';
import { SUPPLIER_KEYS } from '../../../test-fixtures/supplier-keys';
import { SupplierConnectionStore } from '../../ports/supplier-exchange-stores.port';
import type { StoredSupplierConnection } from '../../ports/supplier-exchange-stores.port';
import { checkInboundKey } from '../../supplier-connections/inbound-keys';
import { outboundChecks } from '../../supplier-connections/outbound-checks';
import { SupplierConnections } from '../../supplier-connections/supplier-connections';
import { SaveSupplierConnectionCommand } from './save-supplier-connection.command';
import { SaveSupplierConnectionHandler } from './save-supplier-connection.handler';

/** The repository's rules in memory: parsed on save, optimistic versions. */
class Store extends SupplierConnectionStore {
  readonly saved = new Map<string, StoredSupplierConnection>();
  async save(input: unknown, expectedVersion: number | null): Promise<StoredSupplierConnection> {
    const parsed = parseSupplierConnection(input, checkInboundKey, outboundChecks(false));
    if ((this.saved.get(parsed.supplierId)?.version ?? null) !== expectedVersion) throw new Error('conflict');
    const stored = { connection: parsed, version: (expectedVersion ?? 0) + 1 };
    this.saved.set(parsed.supplierId, stored);
    return stored;
  }
  async get(supplierId: string) {
    return this.saved.get(supplierId) ?? null;
  }
  async list() {
    return [...this.saved.values()];
  }
  async byOrganisation() {
    return null;
  }
}

const json = (overrides: Record<string, unknown> = {}) => ({ ...(JSON.parse(JSON.stringify(connection())) as Record<string, unknown>), ...overrides });
const HOOK = { channel: 'webhook', url: 'https://hooks.acme.example/itsm' };

describe('SaveSupplierConnectionHandler', () => {
  const setup = () => {
    const store = new Store();
    const handler = new SaveSupplierConnectionHandler(new SupplierConnections(store, new SystemClock(), 60_000));
    const save = (input: Record<string, unknown>, version: number | null, kind: 'ed25519' | 'hmac' = 'ed25519') => handler.execute(new SaveSupplierConnectionCommand(input, version, kind));
    return { store, save };
  };

  it('issues a webhook connection its first signing key, keeps it on the next save, and drops it when the connection leaves the webhook channel', async () => {
    const { save } = setup();
    const created = await save(json({ outbound: HOOK }), null);
    expect(created.issuedKey).toMatchObject({ kind: 'ed25519', verifyingKey: expect.stringMatching(/^whpk_/) });
    const keys = created.saved.connection.outbound.channel === 'webhook' ? created.saved.connection.outbound.signingKeys : [];
    expect(keys).toHaveLength(1);
    const again = await save(json({ name: 'Acme Networks AG', outbound: HOOK }), 1, 'hmac');
    expect(again.issuedKey).toBeNull();
    expect(again.saved.connection.outbound).toEqual({ ...HOOK, signingKeys: keys });
    const toKafka = await save(json({ outbound: { channel: 'kafka' } }), 2);
    expect([toKafka.saved.connection.outbound, toKafka.issuedKey]).toEqual([{ channel: 'kafka' }, null]);
    const back = await save(json({ outbound: HOOK }), 3, 'hmac');
    expect(back.issuedKey).toMatchObject({ kind: 'hmac', verifyingKey: expect.stringMatching(/^whsec_/) });
  });

  it('refuses signing keys given by the admin, naming the field, and saves nothing', async () => {
    const { store, save } = setup();
    await expect(save(json({ outbound: { ...HOOK, signingKeys: [SUPPLIER_KEYS.acme.privateKey] } }), null)).rejects.toMatchObject({ code: SupplierExchangeErrorCode.InvalidConnection, details: { field: 'outbound.signingKeys' } });
    expect(store.saved.size).toBe(0);
  });
});
