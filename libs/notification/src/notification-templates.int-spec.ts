import { MessageRenderer } from './application/ports/message-renderer.port';
import { KnownTemplates } from './application/ports/known-templates.port';
import type { Notice } from './domain/notice';
import { NotificationErrorCode } from './domain/notification.errors';
import { bootNotificationContext } from './test-fixtures/booted-notification-context';
import type { BootedNotificationContext } from './test-fixtures/booted-notification-context';

const SAVE = `mutation($input: NotificationTemplateInput!) { saveNotificationTemplate(input: $input) { id name kind eventTypes builtIn variants { locale subject } } }`;
const ONE = `query($id: ID!) { notificationTemplate(id: $id) { id builtIn } }`;
const LIST = `query($after: String) { notificationTemplates(first: 3, after: $after) { edges { cursor node { id builtIn } } pageInfo { hasNextPage endCursor } } }`;
const PREVIEW = `query($id: ID, $input: NotificationTemplateInput, $sample: String) { previewNotificationTemplate(eventType: "itsm.incident.opened.v1", id: $id, input: $input, sampleData: $sample, locale: "de-CH", timeZone: "Europe/Berlin") { locale subject text html } }`;

const assigned = (id: string, text: string) => ({
  id,
  name: `Assigned ${id}`,
  kind: 'event',
  eventTypes: ['itsm.incident.opened.v1', 'itsm.incident.assigned.v1'],
  variants: [
    { locale: 'en', subject: 'Assigned {{ ticket.number }}', text: 'Group {{ event.assigneeId }} {{ ticket.link }}', html: '<p>{{ ticket.title }}</p>' },
    { locale: 'de', subject: 'Zugewiesen {{ ticket.number }}', text },
  ],
});

describe('notification templates (GraphQL, MongoDB)', () => {
  let ctx: BootedNotificationContext;
  beforeAll(async () => {
    ctx = await bootNotificationContext({ directory: false });
  }, 120_000);
  afterAll(() => ctx.close());

  it('saves a checked template for notification admins only, and it renders as stored', async () => {
    const saved = await ctx.ok<{ id: string; builtIn: boolean }>('n-admin', SAVE, { input: assigned('t-assigned', 'Zugewiesen an {{ event.assigneeId }} um {{ formatted.at }}: {{ ticket.link }}') });
    expect(saved).toMatchObject({ id: 't-assigned', builtIn: false, eventTypes: ['itsm.incident.opened.v1', 'itsm.incident.assigned.v1'] });
    expect((await ctx.as('someone', SAVE, { input: assigned('t-other', 'x') })).errors?.[0]?.extensions?.code).toBeDefined();
    expect(await ctx.ok('n-admin', ONE, { id: 't-other' })).toBeNull();

    const notice: Notice = {
      key: 'e-1',
      recipient: { kind: 'person', personId: 'p-1', displayName: 'Dora', email: 'dora@example.test', locale: 'de-CH', timeZone: 'Europe/Zurich', chatHandle: null },
      channel: 'email',
      category: 'assignment',
      urgent: false,
      templateId: 't-assigned',
      items: [{ ruleId: 'r1', templateId: 't-assigned', event: { id: 'e-1', topic: 'itsm.incident.v1', type: 'itsm.incident.assigned.v1', source: 'incident', subject: 'i-1', sequence: 2, time: '2026-07-01T10:00:00.000Z', data: { assigneeId: 'p-1', groupId: 'g-network', at: '2026-07-01T10:00:00.000Z' }, actorId: null, causationId: null, correlationId: null }, ticket: { topic: 'itsm.incident.v1', id: 'i-1', number: 'INC0000042', title: '<b>VPN</b>', link: 'https://portal.itsm.test/incidents/i-1', rootId: 'i-1' } }],
    };
    const message = await ctx.app.get(MessageRenderer).render(notice, 'de-CH');
    expect(message).toEqual({ locale: 'de', subject: 'Zugewiesen INC0000042', text: 'Zugewiesen an p-1 um 1. Juli 2026, 12:00 MESZ: https://portal.itsm.test/incidents/i-1', html: null });
    expect(await ctx.app.get(KnownTemplates).missing(['t-assigned', 'builtin.digest', 't-nowhere'])).toEqual(['t-nowhere']);
    // A rule on another event type may name it only if that type has what it reads (note-added has no assigneeId).
    const known = ctx.app.get(KnownTemplates);
    await expect(known.checkReads('t-assigned', 'itsm.incident.note-added.v1')).rejects.toMatchObject({ code: NotificationErrorCode.UnknownTemplateVariable, details: { variable: 'event.assigneeId', locale: 'en', part: 'text' } });
    await expect(known.checkReads('t-assigned', 'itsm.incident.assigned.v1')).resolves.toBeUndefined();
    await expect(known.checkReads('builtin.event', 'itsm.incident.note-added.v1')).resolves.toBeUndefined();
  });

  it.each([
    ['an unknown variable', assigned('t-bad-var', '{{ event.title }}'), NotificationErrorCode.UnknownTemplateVariable, { variable: 'event.title', locale: 'de', part: 'text' }],
    ['an unknown filter', assigned('t-bad-filter', '{{ event.assigneeId | shell }}'), NotificationErrorCode.InvalidTemplate, { locale: 'de', part: 'text' }],
    ['an unknown event type', { ...assigned('t-bad-type', 'x'), eventTypes: ['itsm.incident.exploded.v1'] }, NotificationErrorCode.UnknownEventType, { eventType: 'itsm.incident.exploded.v1' }],
  ])('refuses %s with its code and saves nothing', async (_, input, code, details) => {
    const answer = await ctx.as('n-admin', SAVE, { input });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code, details });
    expect(await ctx.ok('n-admin', ONE, { id: input.id })).toBeNull();
  });

  it('lists saved and built-in templates in pages by name', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const connection: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = await ctx.ok('n-admin', LIST, { after });
      ids.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(ids).toEqual(['t-assigned', 'builtin.digest', 'builtin.endpoint-disabled', 'builtin.escalation', 'builtin.event', 'builtin.on-call-page']);
  });

  it('previews a saved template with a payload built from the schema, and an unsaved one with sample data', async () => {
    const built = await ctx.ok<{ locale: string; subject: string }>('n-admin', PREVIEW, { id: 'builtin.event' });
    expect(built.locale).toBe('de');
    expect(built.subject).toBe('[example number] example title');
    const unsaved = await ctx.ok<{ text: string; html: string }>('n-admin', PREVIEW, {
      input: { id: 'draft', name: 'Draft', eventTypes: ['itsm.incident.opened.v1'], variants: [{ locale: 'en', subject: 'P{{ event.priority }}', text: '{{ event.title }}', html: '<i>{{ event.title }}</i>' }] },
      sample: JSON.stringify({ priority: 1, title: '<script>x</script>' }),
    });
    expect(unsaved).toMatchObject({ text: '<script>x</script>', html: '<i>&lt;script&gt;x&lt;/script&gt;</i>' });
    expect(await ctx.ok('n-admin', ONE, { id: 'draft' })).toBeNull();
  });
});
