import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import { objectIdFromKey, PersistenceError } from '@itsm/platform/persistence';
import { expectEventually } from '@itsm/testing';
import type { Connection } from 'mongoose';
import { changeEndpoint } from '../application/endpoint-changes';
import { disableEndpoint, enableEndpoint } from '../domain/endpoints';
import type { NotificationEndpoint } from '../domain/endpoints';
import { NOTIFICATION_CONNECTION } from '../notification.module';
import { bootNotificationContext } from '../test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from '../test-fixtures/booted-notification-context';
import { NotificationEndpointRepository } from './notification-endpoint.repository';

const T0 = Date.UTC(2030, 4, 1);
const endpoint = (id: string): NotificationEndpoint => ({ id, name: `Hook ${id}`, channel: 'slack', url: `https://hooks.example.com/${id}`, secrets: [], state: { kind: 'active' }, broken: null, owner: 'n-alice', contact: 'ops@contoso.example' });

/**
 * The endpoint repository on the MongoDB peer: a change and the events it decided are ONE
 * single-document write (the endpoint's outbox), published by the relay on itsm.notification.v1;
 * a stale write stores neither; endpoints kept before owners load without one.
 */
describe('NotificationEndpointRepository on the peer', () => {
  let booted: BootedNotificationContext;
  let repository: NotificationEndpointRepository;
  let raw: Connection['collection'] extends (name: string) => infer C ? C : never;
  const disabledEvents = (id: string) => booted.published.filter((e) => e.type === NOTIFICATION_EVENT_TYPES.endpointDisabled && e.subject === id);
  const document = (id: string) => raw.findOne({ _id: objectIdFromKey('notification-endpoint', id) });

  beforeAll(async () => {
    booted = await bootNotificationContext({ directory: false });
    repository = booted.app.get(NotificationEndpointRepository);
    raw = booted.app.get<Connection>(NOTIFICATION_CONNECTION).collection('notification_endpoints');
  });
  afterAll(() => booted.close());

  it('stores the disabling and its event in one write: published once, with the version as its sequence', async () => {
    await repository.save(endpoint('rep-1'), null);
    const saved = await changeEndpoint(repository, 'rep-1', (e) => disableEndpoint(e, 'gone (HTTP 410)', 'system', T0));
    expect(saved.state).toEqual({ kind: 'disabled', reason: 'gone (HTTP 410)', at: T0 });
    await expectEventually(() => expect(disabledEvents('rep-1')).toHaveLength(1));
    expect(disabledEvents('rep-1')[0]).toMatchObject({ sequence: 2, source: '/itsm/notification', data: { endpointId: 'rep-1', name: 'Hook rep-1', channel: 'slack', reason: 'gone (HTTP 410)', ownerUserName: 'n-alice', contact: 'ops@contoso.example', by: 'system', at: new Date(T0).toISOString() } });
    await expectEventually(async () => expect(await document('rep-1')).toMatchObject({ version: 2, _v: 2, _outboxPending: false, _outboxSent: 2, state: { kind: 'disabled' } }));
  });

  it('writes nothing for a stale change: neither the disabling nor its event', async () => {
    await repository.save(endpoint('rep-2'), null);
    const stale = await repository.get('rep-2');
    await changeEndpoint(repository, 'rep-2', (e) => ({ ...e, name: 'Renamed' }));
    const decided = disableEndpoint(stale?.endpoint ?? endpoint('rep-2'), 'gone (HTTP 410)', 'system', T0);
    await expect(repository.save(decided.endpoint, stale?.version ?? 0, decided.events)).rejects.toBeInstanceOf(PersistenceError);
    expect(await document('rep-2')).toMatchObject({ name: 'Renamed', state: { kind: 'active' }, _outbox: [], _outboxPending: false });
    expect(disabledEvents('rep-2')).toEqual([]);
  });

  it('publishes nothing for disabling a disabled endpoint, and again after it was enabled and disabled anew', async () => {
    await repository.save(endpoint('rep-3'), null);
    await changeEndpoint(repository, 'rep-3', (e) => disableEndpoint(e, 'gone (HTTP 410)', 'system', T0));
    await changeEndpoint(repository, 'rep-3', (e) => disableEndpoint(e, 'gone (HTTP 410)', 'system', T0 + 1));
    await changeEndpoint(repository, 'rep-3', enableEndpoint);
    await changeEndpoint(repository, 'rep-3', (e) => disableEndpoint(e, 'disabled by n-admin', 'n-admin', T0 + 2));
    await expectEventually(() => expect(disabledEvents('rep-3').map((e) => [e.sequence, e.data])).toEqual([
      [2, expect.objectContaining({ reason: 'gone (HTTP 410)', by: 'system' })],
      [4, expect.objectContaining({ reason: 'disabled by n-admin', by: 'n-admin' })],
    ]));
  });

  it('loads an endpoint kept before owners and outboxes were (no owner, contact or outbox fields) and disables it with its event', async () => {
    const old = { id: 'rep-4', name: 'Hook rep-4', channel: 'webhook', url: 'https://hooks.example.com/rep-4', secrets: [], state: { kind: 'active' }, broken: null, sortKey: 'hook rep-4\u0000rep-4', version: 3 };
    await raw.insertOne({ _id: objectIdFromKey('notification-endpoint', 'rep-4'), ...old } as never);
    expect(await repository.get('rep-4')).toEqual({ endpoint: { ...endpoint('rep-4'), channel: 'webhook', owner: null, contact: null }, version: 3 });
    await changeEndpoint(repository, 'rep-4', (e) => disableEndpoint(e, 'gone (HTTP 410)', 'system', T0));
    await expectEventually(() => expect(disabledEvents('rep-4').map((e) => [e.sequence, e.data])).toEqual([[4, expect.objectContaining({ ownerUserName: null, contact: null })]]));
  });
});
