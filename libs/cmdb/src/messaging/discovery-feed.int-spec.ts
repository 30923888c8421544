import { cmdbDiscoveryTopic, createEnvelope, deadLetterTopicOf, encodeEnvelope } from '@itsm/contracts';
import { DLQ_HEADERS } from '@itsm/platform/messaging';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { newEd25519KeyPair, newHmacSecret, parseEd25519PrivateKey, parseSigningKey, signRecord } from '@itsm/platform/webhooks';
import type { WebhookSigningKey } from '@itsm/platform/webhooks';
import { expectEventually, testPeers } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import { SaveDiscoverySourceCommand } from '../application/commands/save-discovery-source/save-discovery-source.command';
import { SaveDiscoverySourceHandler } from '../application/commands/save-discovery-source/save-discovery-source.handler';
import { cmdbContext } from '../cmdb.context';
import type { Attributes } from '../domain';
import { CiRepository, DataModelRepository } from '../persistence';

/**
 * The discovery feed on the in-process bus and the MongoDB peer: a record applies only when signed
 * by a key of the source it names; one signed by a lower source's key naming a higher one is
 * dead-lettered with its reason and changes nothing; a replayed record is one effect.
 */
describe('discovery feed: each record bound to its source by the source\'s key', () => {
  let booted: SpecContext;
  const scanner = newEd25519KeyPair();
  const sccmSecret = newHmacSecret();
  const run = randomUUID().slice(0, 8);
  const serial = `SN-${run}`;

  beforeAll(async () => {
    booted = await bootContextForSpec(cmdbContext, {
      mongoUrl: testPeers().mongoUrl,
      // no data model poll during the spec: a key saved through another replica must be found by the refusal's reload
      settings: { instanceId: `int-${run}`, impactMaxDepth: 25, discoveryToleranceSeconds: 300, dataModelPollMs: 600_000 },
      probeTopics: ['itsm.cmdb.v1'],
    });
    const save = booted.app.get(SaveDiscoverySourceHandler);
    await save.execute(new SaveDiscoverySourceCommand({ id: 'network-scanner', label: 'Network scanner', precedence: 40, attributePrecedence: {}, mayCreate: true, verificationKeys: [scanner.publicKey] }, 0, 'int'));
    await save.execute(new SaveDiscoverySourceCommand({ id: 'sccm', label: 'SCCM', precedence: 60, attributePrecedence: {}, mayCreate: true, verificationKeys: [sccmSecret] }, 0, 'int'));
  });
  afterAll(() => booted.close());

  async function publish(source: string, attributes: Attributes, keys: readonly WebhookSigningKey[], id: string = randomUUID()): Promise<string> {
    const data = { source, classId: 'server', attributes: { name: `srv-${run}`, serial_number: serial, ...attributes }, relationships: [], by: `${source}-job`, at: new Date().toISOString() };
    const record = encodeEnvelope(createEnvelope({ id, source: `/discovery/${source}`, type: 'itsm.cmdb-discovery.ci-discovered.v1', subject: serial, time: new Date(), data, sequence: 1, correlationid: id }));
    await booted.bus.publishRaw(cmdbDiscoveryTopic.name, [signRecord(keys, record, Math.floor(Date.now() / 1000))]);
    return id;
  }

  const ciCreated = () => booted.published.find((e) => e.type === 'itsm.cmdb.ci-created.v1' && (e.data as { name: string }).name === `srv-${run}`);
  async function ci() {
    const created = ciCreated();
    if (created === undefined) throw new Error('no CI yet');
    return (await booted.app.get(CiRepository).load(created.subject))?.aggregate;
  }
  const deadLetters = () => booted.bus.records(deadLetterTopicOf(cmdbDiscoveryTopic.name));
  const header = (value: unknown) => String(value);

  it('a key saved through another replica since this one last loaded the data model: the refusal reloads it once and the record applies', async () => {
    const inventory = newEd25519KeyPair();
    await booted.app.get(SaveDiscoverySourceHandler).execute(new SaveDiscoverySourceCommand({ id: 'inventory', label: 'Inventory', precedence: 20, attributePrecedence: {}, mayCreate: true }, 0, 'int'));
    // as another replica saves it: straight to the stored data model, this replica's copy still without keys
    const saved = await booted.app.get(DataModelRepository).save('source', { id: 'inventory', label: 'Inventory', precedence: 20, attributePrecedence: {}, mayCreate: true, verificationKeys: [inventory.publicKey], builtIn: false, version: 2 }, 1, 'int', new Date());
    expect(saved).toBe(true);
    const data = { source: 'inventory', classId: 'server', attributes: { name: `inv-${run}`, serial_number: `INV-${run}` }, relationships: [], by: 'inventory-job', at: new Date().toISOString() };
    const id = randomUUID();
    const record = encodeEnvelope(createEnvelope({ id, source: '/discovery/inventory', type: 'itsm.cmdb-discovery.ci-discovered.v1', subject: `INV-${run}`, time: new Date(), data, sequence: 1, correlationid: id }));
    await booted.bus.publishRaw(cmdbDiscoveryTopic.name, [signRecord([parseEd25519PrivateKey(inventory.privateKey)], record, Math.floor(Date.now() / 1000))]);
    await expectEventually(() => expect(booted.published.some((e) => e.type === 'itsm.cmdb.ci-created.v1' && (e.data as { name: string }).name === `inv-${run}`)).toBe(true));
    expect(deadLetters().map((r) => header(r.headers['ce_id']))).not.toContain(id);
  });

  it('applies a record signed by its source; dead-letters one naming a higher source but signed with another\'s key, the CI unchanged; a replay is one effect', async () => {
    const scannerKey = parseEd25519PrivateKey(scanner.privateKey);
    const first = await publish('network-scanner', { os: 'Linux 6.1' }, [scannerKey]);
    await expectEventually(async () => expect((await ci())?.attributes).toMatchObject({ os: 'Linux 6.1' }));
    expect((await ci())?.provenance['os']).toMatchObject({ source: 'network-scanner' });

    // The scanner's producer names SCCM (precedence 60) to take the attribute: refused, nothing applied.
    const forged = await publish('sccm', { os: 'Forged OS' }, [scannerKey]);
    await expectEventually(() => expect(deadLetters().map((r) => header(r.headers['ce_id']))).toContain(forged));
    const dead = deadLetters().find((r) => header(r.headers['ce_id']) === forged);
    expect(header(dead?.headers[DLQ_HEADERS.reason])).toContain('CMDB.DISCOVERY_NOT_AUTHENTICATED');
    expect(header(dead?.headers[DLQ_HEADERS.reason])).toContain('no_matching_signature');
    // the partition keeps flowing: the scanner's next record applies, and SCCM's own signed record does too
    await publish('network-scanner', { os: 'Linux 6.2' }, [scannerKey]);
    await expectEventually(async () => expect((await ci())?.attributes).toMatchObject({ os: 'Linux 6.2' }));
    expect((await ci())?.attributes['os']).not.toBe('Forged OS');
    await publish('sccm', { cpu_count: 16 }, [parseSigningKey(sccmSecret)]);
    await expectEventually(async () => expect((await ci())?.attributes).toMatchObject({ os: 'Linux 6.2', cpu_count: 16 }));

    // The scanner's first record again (same id, same signature): already applied, it does not bring Linux 6.1 back.
    const historyBefore = (await ci())?.history.length;
    await publish('network-scanner', { os: 'Linux 6.1' }, [scannerKey], first);
    const marker = await publish('network-scanner', { fqdn: `srv-${run}.example.test` }, [scannerKey]);
    await expectEventually(async () => expect((await ci())?.attributes).toMatchObject({ fqdn: `srv-${run}.example.test` }));
    expect((await ci())?.attributes['os']).toBe('Linux 6.2');
    expect((await ci())?.history.length).toBe((historyBefore ?? 0) + 1);
    expect(deadLetters().map((r) => header(r.headers['ce_id']))).not.toContain(marker);
  });

  it('dead-letters an unsigned record and one naming a source that has no keys', async () => {
    const unsigned = randomUUID();
    const data = { source: 'sccm', classId: 'server', attributes: { name: `srv-${run}`, serial_number: serial, os: 'Unsigned' }, relationships: [], by: 'x', at: new Date().toISOString() };
    await booted.bus.publishRaw(cmdbDiscoveryTopic.name, [encodeEnvelope(createEnvelope({ id: unsigned, source: '/x', type: 'itsm.cmdb-discovery.ci-discovered.v1', subject: serial, time: new Date(), data, sequence: 1, correlationid: unsigned }))]);
    const keyless = await publish('import', { os: 'Imported' }, [parseSigningKey(newHmacSecret())]);
    await expectEventually(() => expect(deadLetters().map((r) => header(r.headers['ce_id']))).toEqual(expect.arrayContaining([unsigned, keyless])));
    const reasons = deadLetters().filter((r) => [unsigned, keyless].includes(header(r.headers['ce_id']))).map((r) => header(r.headers[DLQ_HEADERS.reason]));
    expect(reasons.join('\n')).toMatch(/missing_header/);
    expect(reasons.join('\n')).toMatch(/source_has_no_keys/);
    expect((await ci())?.attributes['os']).toBe('Linux 6.2');
  });
});
