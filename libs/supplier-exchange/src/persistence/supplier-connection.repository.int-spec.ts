import { SupplierConnectionStore } from '../application/ports/supplier-exchange-stores.port';
import { seedSupplierExchangeDemo } from '../demo/supplier-exchange-demo-data';
import { SupplierExchangeErrorCode } from '../domain';
import { bootSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import type { BootedSupplierExchangeContext } from '../test-fixtures/booted-supplier-exchange-context';
import { connection } from '../test-fixtures/incident-stream';

describe('supplier connections on MongoDB', () => {
  let booted: BootedSupplierExchangeContext;
  let store: SupplierConnectionStore;

  beforeAll(async () => {
    booted = await bootSupplierExchangeContext([]);
    store = booted.app.get(SupplierConnectionStore);
  });
  afterAll(() => booted.close());

  it('seeds the two demo suppliers into an empty collection only, their agents from the directory demo', async () => {
    const earlier = new Map([['directory', new Map([['u-supplier-agent', 'person-17']])]]);
    await expect(seedSupplierExchangeDemo(booted.app, earlier)).resolves.toBe(2);
    await expect(seedSupplierExchangeDemo(booted.app, earlier)).resolves.toBe(0);
    const listed = await store.list();
    expect(listed.map((s) => [s.connection.supplierId, s.connection.organisationId, s.connection.agentId, s.version])).toEqual([
      ['northwind', 'northwind-networks', 'person-17', 1],
      ['tailspin', 'tailspin-hosting', 'u-tom', 1],
    ]);
    expect((await store.byOrganisation('tailspin-hosting'))?.connection.name).toBe('Tailspin Hosting');
  });

  it('saves with an optimistic version: a create over an existing one, a stale edit and a second supplier for one organisation are refused', async () => {
    const saved = await store.save(connection({ supplierId: 'acme-x', organisationId: 'org-acme-x' }), null);
    expect(saved.version).toBe(1);
    await expect(store.save(connection({ supplierId: 'acme-x', organisationId: 'org-acme-x' }), null)).rejects.toMatchObject({ code: SupplierExchangeErrorCode.Conflict });
    const edited = await store.save(connection({ supplierId: 'acme-x', organisationId: 'org-acme-x', exposeCallerContact: true }), 1);
    expect(edited.version).toBe(2);
    await expect(store.save(connection({ supplierId: 'acme-x', organisationId: 'org-acme-x' }), 1)).rejects.toMatchObject({ code: SupplierExchangeErrorCode.Conflict });
    await expect(store.save(connection({ supplierId: 'other-x', organisationId: 'org-acme-x' }), null)).rejects.toMatchObject({ code: SupplierExchangeErrorCode.Conflict });
    expect((await store.get('acme-x'))?.connection.exposeCallerContact).toBe(true);
  });

  it('refuses a malformed connection naming the field', async () => {
    await expect(store.save({ ...connection(), supplierId: 'Not An Id' }, null)).rejects.toMatchObject({ code: SupplierExchangeErrorCode.InvalidConnection, details: { field: 'supplierId' } });
  });
});
