import type { DirectoryProjection, ProjectedPerson } from '@itsm/platform/persistence';
import type { Channel, Notice, NoticeItem, PersonRecipient } from '../../domain/notice';
import { NotificationErrorCode } from '../../domain/notification.errors';
import { BUILT_IN_TEMPLATE_IDS } from '../../domain/templates';
import type { NotificationTemplate, TemplateVariant } from '../../domain/templates';
import { TemplateStore } from '../ports/template-store.port';
import { stableSubject } from '../channels/email/mail-message';
import { LiquidMessageRenderer } from './liquid-message-renderer';
import { TemplateEngines } from './template-engines';
import { TemplateLibrary } from './template-library';

class MemoryTemplates extends TemplateStore {
  readonly saved = new Map<string, NotificationTemplate>();
  find(id: string) {
    return Promise.resolve(this.saved.get(id) ?? null);
  }
  stored(ids: readonly string[]) {
    return Promise.resolve(ids.filter((id) => this.saved.has(id)));
  }
  list() {
    return Promise.resolve([...this.saved.values()]);
  }
  put(template: NotificationTemplate) {
    this.saved.set(template.id, template);
    return Promise.resolve();
  }
}

const directory = { people: (ids: readonly string[]) => Promise.resolve(new Map(ids.filter((id) => id === 'p-ana').map((id) => [id, { id, displayName: 'Ana Agent' } as ProjectedPerson]))) } as unknown as DirectoryProjection;
const store = new MemoryTemplates();
const renderer = new LiquidMessageRenderer(new TemplateLibrary(store), new TemplateEngines(), directory);

const reader: PersonRecipient = { kind: 'person', personId: 'p-bo', displayName: 'Bo Berg', email: 'bo@example.test', locale: 'de-CH', timeZone: 'Europe/Zurich', chatHandle: null };
const item = (n: number, data: Record<string, unknown> = {}): NoticeItem => ({
  ruleId: 'r1',
  templateId: 'tpl',
  event: { id: `e${n}`, topic: 'itsm.incident.v1', type: 'itsm.incident.opened.v1', source: 'incident', subject: `i${n}`, sequence: n, time: '2026-03-29T06:30:00.000Z', data: { title: `Disk ${n}`, at: '2026-03-29T06:30:00.000Z', ...data }, actorId: 'p-ana', causationId: null, correlationId: null },
  ticket: { topic: 'itsm.incident.v1', id: `i${n}`, number: `INC000000${n}`, title: `Disk ${n}`, link: `https://portal.test/incidents/i${n}?a=1&b=2`, rootId: `i${n}` },
});
const notice = (templateId: string, items: NoticeItem[], channel: Channel = 'email'): Notice => ({ key: 'k1', recipient: reader, channel, category: 'assignment', urgent: false, templateId, items });
const saved = (id: string, variants: readonly (Partial<TemplateVariant> & { readonly locale: string })[]) =>
  store.put({ id, name: id, kind: 'event', eventTypes: ['itsm.incident.opened.v1'], variants: variants.map((v) => ({ subject: 'S', text: 'T', html: null, ...v })) });

describe('LiquidMessageRenderer', () => {
  it('renders the variant of the recipient language with dates in their zone and locale', async () => {
    await saved('loc', [{ locale: 'en', text: 'en {{ formatted.at }}' }, { locale: 'de', text: 'de {{ formatted.at }} {{ recipient.timeZone }} {{ actor }}' }]);
    const message = await renderer.render(notice('loc', [item(1)]), 'de-CH');
    expect(message.locale).toBe('de');
    expect(message.text).toBe('de 29. März 2026, 08:30 MESZ Europe/Zurich Ana Agent');
    expect((await renderer.render(notice('loc', [item(1)]), 'fr')).text).toBe('en Mar 29, 2026, 08:30 AM GMT+2');
  });

  it('escapes payload text in HTML (raw too) and leaves the text part as written', async () => {
    await saved('xss', [{ locale: 'en', subject: '{{ event.title }}\r\nBcc: x@evil.test', text: '{{ event.title }}', html: '<p>{{ event.title }}</p>{{ event.title | raw }}<a href="{{ ticket.link }}">' }]);
    const message = await renderer.render(notice('xss', [item(1, { title: '<script>alert(1)</script>' })]), 'en');
    expect(message.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>&lt;script&gt;alert(1)&lt;/script&gt;<a href="https://portal.test/incidents/i1?a=1&amp;b=2">');
    expect(message.text).toBe('<script>alert(1)</script>');
    expect(message.subject).toBe('<script>alert(1)</script> Bcc: x@evil.test');
  });

  it('renders HTML for mail only', async () => {
    await saved('chat', [{ locale: 'en', html: '<b>{{ ticket.number }}</b>' }]);
    expect((await renderer.render(notice('chat', [item(1)], 'slack'), 'en')).html).toBeNull();
    expect((await renderer.render(notice('chat', [item(1)], 'email'), 'en')).html).toBe('<b>INC0000001</b>');
  });

  it.each([
    ['the constructor', '{{ constructor }}'],
    ['a payload field prototype', '{{ event.constructor.name }}'],
    ['__proto__', '{{ event["__proto__"] }}'],
    ['a missing field', '{{ event.nothing }}'],
  ])('refuses %s at render time with a code, never half a message', async (_, text) => {
    await saved('evil', [{ locale: 'en', text: `before ${text} after` }]);
    await expect(renderer.render(notice('evil', [item(1)]), 'en')).rejects.toMatchObject({ code: NotificationErrorCode.InvalidTemplate, details: { templateId: 'evil', locale: 'en', part: 'text', phase: 'render' } });
  });

  it('stops a runaway loop and a memory bomb at the limits', async () => {
    await saved('loop', [{ locale: 'en', text: '{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}' }]);
    await saved('bomb', [{ locale: 'en', text: '{% assign s = "ab" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}' }]);
    await expect(renderer.render(notice('loop', [item(1)]), 'en')).rejects.toMatchObject({ code: NotificationErrorCode.InvalidTemplate, details: expect.objectContaining({ reason: expect.stringContaining('render limit') }) });
    await expect(renderer.render(notice('bomb', [item(1)]), 'en')).rejects.toMatchObject({ code: NotificationErrorCode.InvalidTemplate, details: expect.objectContaining({ reason: expect.stringContaining('memory') }) });
  });

  it('renders a digest with every item and the count from the built-in template', async () => {
    const message = await renderer.render(notice(BUILT_IN_TEMPLATE_IDS.digest, [item(1), item(2), item(3)], 'in_app'), 'de');
    expect(message.subject).toBe('Ihre Zusammenfassung: 3 Benachrichtigungen');
    for (const n of [1, 2, 3]) expect(message.text).toContain(`- INC000000${n} Disk ${n} (29. März 2026, 08:30 MESZ): https://portal.test/incidents/i${n}?a=1&b=2`);
  });

  it('prefers an admin saved template over the built-in one of its id and answers NOT_FOUND for an unknown id', async () => {
    await saved(BUILT_IN_TEMPLATE_IDS.onCallPage, [{ locale: 'en', subject: 'Custom page {{ ticket.number }}' }]);
    expect((await renderer.render(notice(BUILT_IN_TEMPLATE_IDS.onCallPage, [item(1)]), 'en')).subject).toBe('Custom page INC0000001');
    await expect(renderer.render(notice('nope', [item(1)]), 'en')).rejects.toMatchObject({ code: NotificationErrorCode.NotFound });
  });
});

describe('the built-in on-call page', () => {
  it('shows the recipient\'s signed acknowledgement link when the page carries one, and no link line otherwise', async () => {
    const link = 'https://portal.test/notification/v1/ack/0123456789abcdef01234567l1p0.0123456789abcdef0123';
    const page: Notice = { ...notice(BUILT_IN_TEMPLATE_IDS.escalation, [item(1)]), category: 'on_call', urgent: true, links: { acknowledge: link } };
    const message = await renderer.render(page, 'en');
    expect(message.text).toContain(`Acknowledge: ${link}\n`);
    expect(message.html).toContain(`<a href="${link}">Acknowledge</a>`);
    const without = await renderer.render({ ...page, links: {} }, 'en');
    expect(without.text).not.toContain('Acknowledge');
    expect(without.text).toContain('Open it: https://portal.test/incidents/i1?a=1&b=2');
  });

  it('names the ticket number once in a page subject, as the mail sends it too', async () => {
    const page: Notice = { ...notice(BUILT_IN_TEMPLATE_IDS.escalation, [item(1)]), category: 'on_call', urgent: true };
    const [en, de] = [(await renderer.render(page, 'en')).subject, (await renderer.render(page, 'de-CH')).subject];
    expect([en, de]).toEqual(['[INC0000001] [Escalated] Disk 1', '[INC0000001] [Eskaliert] Disk 1']);
    expect(stableSubject(en, page.items[0]?.ticket ?? null)).toBe(en);
    const unnumbered = { ...page, items: [{ ...item(1), ticket: { ...item(1).ticket, number: null } }] };
    expect((await renderer.render(unnumbered, 'en')).subject).toBe('[Escalated] Disk 1');
  });
});
