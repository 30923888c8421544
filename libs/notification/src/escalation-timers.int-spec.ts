import { directoryChange, connectContext, InMemoryDirectoryProjection } from '@itsm/platform/persistence';
import type { StoredDocument } from '@itsm/platform/persistence';
import type { EventEnvelope } from '@itsm/contracts';
import { InMemoryTimerClaimStore, ManualTime, settle } from '@itsm/platform/scheduling';
import { DirectoryFeed, testPeers } from '@itsm/testing';
import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import { AcknowledgeEscalationHandler } from './application/commands/acknowledge-escalation/acknowledge-escalation.handler';
import { ON_CALL_PAGE_TEMPLATE, PageEscalationLevelHandler } from './application/commands/page-escalation-level/page-escalation-level.handler';
import type { EscalationEnvelope } from './application/commands/page-escalation-level/page-escalation-level.handler';
import { PassEscalationLevelHandler } from './application/commands/pass-escalation-level/pass-escalation-level.handler';
import { StartEscalationHandler } from './application/commands/start-escalation/start-escalation.handler';
import { EscalationAckLinks } from './application/escalation-ack-links';
import { EscalationCommands } from './application/escalation-commands';
import { EscalationTargets } from './application/escalation-targets';
import { EscalationTimers } from './application/escalation-timers/escalation-timers';
import { ScheduledOnCallRoster } from './application/on-call-schedule-roster';
import { DeliveryIntake } from './application/ports/delivery-intake.port';
import type { Notice } from './domain';
import { EscalationPolicyRepository } from './persistence/escalation-policy.repository';
import { EscalationRepository } from './persistence/escalation.repository';
import { escalationSchema } from './persistence/escalation.schema';
import type { EscalationDocument } from './persistence/escalation.schema';
import { OnCallScheduleRepository } from './persistence/on-call-schedule.repository';
import { SPEC_NOTIFICATION_SETTINGS } from './test-fixtures/booted-notification-context';
import { notificationDirectory } from './test-fixtures/notification-directory';

const T0 = Date.UTC(2031, 5, 2, 10); // a Monday, 12:00 in Zurich
const MIN = 60_000;
const ALL_PARTITIONS = [{ topic: 'itsm.notification.v1', partitions: Array.from({ length: 12 }, (_, p) => p) }];
const ackLinks = new EscalationAckLinks(SPEC_NOTIFICATION_SETTINGS);
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The delivery lane's intake, recorded (spec fake: DeliveryIntake belongs to the delivery part). */
class RecordingIntake extends DeliveryIntake {
  readonly notices: Notice[] = [];
  accept(notices: readonly Notice[]): Promise<void> {
    this.notices.push(...notices);
    return Promise.resolve();
  }
}

describe('escalations on partition-owned timers (MongoDB, two replicas sharing the claims)', () => {
  let connection: Connection;
  let model: Model<StoredDocument<EscalationDocument>>;
  let store: EscalationRepository;
  let time: ManualTime;
  let claims: InMemoryTimerClaimStore;
  let intake: RecordingIntake;
  let published: EventEnvelope[];
  let wheels: EscalationTimers[];
  let start: StartEscalationHandler;
  let pass: PassEscalationLevelHandler;
  let acknowledge: AcknowledgeEscalationHandler;
  let directory: InMemoryDirectoryProjection;

  const replica = (): EscalationTimers => {
    const wheel = new EscalationTimers({ store, claims, publish: (e) => Promise.resolve(void published.push(...e)), clock: time, timers: time, logger: quiet });
    wheels.push(wheel);
    wheel.onApplicationBootstrap();
    wheel.onAssignment(ALL_PARTITIONS);
    return wheel;
  };
  const pagesOf = (escalationId: string, level: number) => intake.notices.filter((n) => n.key === `${escalationId}:${level}`);
  const dues = (escalationId: string) => published.filter((e) => e.subject === escalationId && e.type === 'itsm.notification.escalation-level-due.v1');
  /** The levels of the distinct level-due events (by event id). */
  const distinct = (events: readonly EventEnvelope[]) => [...new Map(events.map((e) => [e.id, (e.data as { level: number }).level])).values()];
  /** What the consumer does with the escalation's own events (the outbox relay is not running here). */
  async function follow(escalationId: string, page: PageEscalationLevelHandler): Promise<void> {
    const document = await model.findById(escalationId).lean<StoredDocument<EscalationDocument>>();
    for (const envelope of document?._outbox ?? []) await page.execute(envelope as EscalationEnvelope, time.millis);
  }
  async function passDue(escalationId: string): Promise<void> {
    for (const envelope of dues(escalationId)) {
      const data = envelope.data as { escalationId: string; level: number };
      await pass.execute(data, envelope, time.millis);
    }
  }

  beforeAll(async () => {
    connection = await connectContext({ url: testPeers().mongoUrl, dbPrefix: 'itsm_test' }, `esc_${randomUUID().slice(0, 8)}`);
    model = connection.model('NotificationEscalation', escalationSchema) as unknown as Model<StoredDocument<EscalationDocument>>;
    await model.init();
    store = new EscalationRepository(model, () => undefined);
    directory = new InMemoryDirectoryProjection();
    for (const event of notificationDirectory(new DirectoryFeed())) await directory.apply(directoryChange(event, (m) => new Error(m)), event);
    const schedules = new OnCallScheduleRepository(connection);
    await schedules.save({ id: 'net-oncall', groupId: 'g-network-oncall', zone: 'Europe/Zurich', rotations: [{ handoffMinute: 540, startDate: '2031-06-02', lengthDays: 7, members: ['n-dave', 'n-alice'] }], overrides: [] });
    const policies = new EscalationPolicyRepository(connection);
    await policies.save({
      id: 'p1',
      name: 'P1',
      levels: [
        { targets: [{ kind: 'on_call', groupId: null }], delayMinutes: 10, channels: ['email', 'in_app'] },
        { targets: [{ kind: 'group_manager', groupId: null }], delayMinutes: 15, channels: ['email'] },
      ],
    });
    const targets = new EscalationTargets(new ScheduledOnCallRoster(schedules), directory);
    const commands = new EscalationCommands(store);
    start = new StartEscalationHandler(store, policies, targets);
    pass = new PassEscalationLevelHandler(commands, targets);
    acknowledge = new AcknowledgeEscalationHandler(commands);
    intake = new RecordingIntake();
  });

  beforeEach(() => {
    time = new ManualTime(T0);
    claims = new InMemoryTimerClaimStore();
    published = [];
    wheels = [];
  });

  afterEach(async () => {
    for (const wheel of wheels) await wheel.beforeApplicationShutdown();
  });

  afterAll(() => connection.close());

  const ticket = (id: string) => ({ topic: 'itsm.incident.v1', id, number: null, title: 'P1', link: `https://portal/incidents/${id}`, rootId: id });

  it('pages level 1 (the on-call person), then level 2 once after the delay with two replicas, and survives a restart without repeating', async () => {
    const { escalationId, started } = await start.start({ ticket: ticket('inc-a'), policyId: 'p1', groupId: 'g-network-oncall', key: 'evt-a', by: 'rule-p1' }, T0);
    expect(started).toBe(true);
    expect(await start.start({ ticket: ticket('inc-a'), policyId: 'p1', groupId: 'g-network-oncall', key: 'evt-a2', by: 'rule-p1' }, T0)).toEqual({ escalationId, started: false });
    const [a, b] = [replica(), replica()];
    await settle();
    await follow(escalationId, new PageEscalationLevelHandler(store, directory, intake, a, ackLinks));
    expect(pagesOf(escalationId, 1).map((n) => [n.recipient.kind === 'person' ? n.recipient.personId : null, n.channel, n.category, n.urgent, n.templateId])).toEqual([
      ['n-dave', 'email', 'on_call', true, ON_CALL_PAGE_TEMPLATE],
      ['n-dave', 'in_app', 'on_call', true, ON_CALL_PAGE_TEMPLATE],
    ]);
    await time.advance(9 * MIN);
    expect(dues(escalationId)).toEqual([]);
    await time.advance(1 * MIN + 2_000);
    expect(dues(escalationId)).toHaveLength(1);
    expect(b.ownedPartitions()).toHaveLength(12);
    await passDue(escalationId);
    await passDue(escalationId); // redelivered: nothing more
    const escalation = (await store.load(escalationId))?.aggregate;
    expect(escalation).toMatchObject({ state: 'paging', level: 2, paged: [{ level: 1, personIds: ['n-dave'] }, { level: 2, personIds: ['n-manager'] }] });
    await follow(escalationId, new PageEscalationLevelHandler(store, directory, intake, a, ackLinks));
    expect(pagesOf(escalationId, 2).map((n) => [n.recipient.kind === 'person' ? n.recipient.personId : null, n.channel])).toEqual([['n-manager', 'email']]);

    // A restart: a new replica arms from storage. A takeover may publish a claim after the last
    // checkpoint again (the identical event: same id and sequence), which changes nothing; level 2 falls due once.
    for (const wheel of wheels.splice(0)) await wheel.beforeApplicationShutdown();
    replica();
    await time.advance(5 * MIN);
    expect(distinct(dues(escalationId))).toEqual([1]);
    await passDue(escalationId);
    expect((await store.load(escalationId))?.aggregate.paged).toHaveLength(2);
    await time.advance(10 * MIN + 2_000);
    expect(distinct(dues(escalationId))).toEqual([1, 2]);
    await passDue(escalationId);
    expect((await store.load(escalationId))?.aggregate).toMatchObject({ state: 'exhausted', level: 2 });
  });

  it('stops at once when level 1 acknowledges: no level 2', async () => {
    const { escalationId } = await start.start({ ticket: ticket('inc-b'), policyId: 'p1', groupId: 'g-network-oncall', key: 'evt-b', by: 'rule-p1' }, T0);
    const wheel = replica();
    await settle();
    await time.advance(3 * MIN);
    const acked = await acknowledge.execute({ escalationId, personId: 'n-dave', asAdmin: false }, time.millis);
    expect(acked.state).toBe('acknowledged');
    await wheel.arm(acked);
    await time.advance(20 * MIN);
    expect(dues(escalationId)).toEqual([]);
    expect((await store.load(escalationId))?.aggregate).toMatchObject({ state: 'acknowledged', level: 1, acknowledgedBy: 'n-dave' });
  });
});
