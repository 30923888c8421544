import { CmdbFeed } from '@itsm/testing';
import type { CmdbEvent } from '../../projections/cmdb-change';
import { ChangeErrorCode } from '../../../domain';
import { InMemoryConfigurationItems } from '../../test-fixtures/in-memory-configuration-items';
import { ProjectCmdbEventCommand } from './project-cmdb-event.command';
import { ProjectCmdbEventHandler } from './project-cmdb-event.handler';

describe('ProjectCmdbEventHandler', () => {
  const setup = () => {
    const feed = new CmdbFeed();
    const cis = new InMemoryConfigurationItems();
    const handler = new ProjectCmdbEventHandler(cis);
    const apply = async (...events: CmdbEvent[]) => {
      const outcomes: string[] = [];
      for (const event of events) outcomes.push(await handler.execute(new ProjectCmdbEventCommand(event)));
      return outcomes;
    };
    return { feed, cis, apply };
  };

  it('projects a CI with its class, name and attributes; service classes are services', async () => {
    const { feed, cis, apply } = setup();
    await apply(
      feed.ciCreated({ ciId: 'ci-db', classId: 'database', name: 'orders-db', attributes: { environment: 'production', port: 5432 } }),
      feed.ciCreated({ ciId: 'ci-pay', classId: 'business_service', name: 'Payments', attributes: { criticality: 'critical' } }),
      feed.ciCreated({ ciId: 'ci-app', classId: 'application_service', name: 'Checkout' }),
    );
    const found = await cis.find(['ci-db', 'ci-pay', 'ci-app', 'ci-unknown']);
    expect(found.get('ci-db')).toEqual({ id: 'ci-db', name: 'orders-db', classId: 'database', service: false, retired: false, attributes: { environment: 'production', port: 5432 } });
    expect(found.get('ci-pay')).toMatchObject({ service: true, attributes: { criticality: 'critical' } });
    expect(found.get('ci-app')?.service).toBe(true);
    expect(found.has('ci-unknown')).toBe(false);
  });

  it('keeps the latest state: an update replaces the attributes; a duplicate or older event changes nothing', async () => {
    const { feed, cis, apply } = setup();
    const created = feed.ciCreated({ ciId: 'ci-1', attributes: { os: 'linux', fqdn: 'a.example' } });
    const updated = feed.ciUpdated({ ciId: 'ci-1', name: 'web-1', attributes: { os: 'windows' } });
    expect(await apply(created, updated, updated, created)).toEqual(['applied', 'applied', 'duplicate', 'duplicate']);
    expect((await cis.find(['ci-1'])).get('ci-1')).toMatchObject({ name: 'web-1', attributes: { os: 'windows' } });
  });

  it('flags a retired CI (kept, so a change naming it is refused) and an older update cannot revive it', async () => {
    const { feed, cis, apply } = setup();
    const created = feed.ciCreated({ ciId: 'ci-1', attributes: { os: 'linux' } });
    const updated = feed.ciUpdated({ ciId: 'ci-1', attributes: { os: 'bsd' } });
    const retired = feed.ciRetired('ci-1');
    expect(await apply(created, retired, updated)).toEqual(['applied', 'applied', 'duplicate']);
    expect((await cis.find(['ci-1'])).get('ci-1')).toMatchObject({ retired: true, attributes: { os: 'linux' } });
  });

  it('answers neighbours one relationship away in both directions, until a relationship is removed', async () => {
    const { feed, cis, apply } = setup();
    const appOnDb = feed.relationshipAdded('r-1', 'ci-app', 'ci-db');
    await apply(appOnDb, feed.relationshipAdded('r-2', 'ci-db', 'ci-server', 'runs_on'), feed.relationshipAdded('r-3', 'ci-web', 'ci-db'));
    expect((await cis.neighbours(['ci-db', 'ci-lonely'])).get('ci-db')).toEqual({ parents: ['ci-app', 'ci-web'], children: ['ci-server'] });
    expect((await cis.neighbours(['ci-lonely'])).get('ci-lonely')).toEqual({ parents: [], children: [] });
    const removed = feed.relationshipRemoved('r-1', 'ci-app', 'ci-db');
    expect(await apply(removed, appOnDb)).toEqual(['applied', 'duplicate']);
    expect((await cis.neighbours(['ci-db'])).get('ci-db')?.parents).toEqual(['ci-web']);
    expect((await cis.neighbours(['ci-app'])).get('ci-app')?.children).toEqual([]);
  });

  it('refuses an event keyed by another record than the one it describes (CHANGE.INVALID_PROJECTION_EVENT)', async () => {
    const { feed, apply } = setup();
    const misKeyed: CmdbEvent = { ...feed.ciCreated({ ciId: 'ci-1' }), subject: 'ci-2' };
    await expect(apply(misKeyed)).rejects.toMatchObject({ code: ChangeErrorCode.InvalidProjectionEvent });
  });
});
