import { NotificationErrorCode } from '../../domain/notification.errors';
import { BUILT_IN_TEMPLATES } from '../../domain/templates';
import type { NotificationTemplate } from '../../domain/templates';
import { TemplateEngines } from './template-engines';
import { TemplateValidator } from './template-validator';

const validator = new TemplateValidator(new TemplateEngines());
const template = (text: string, extra: Partial<NotificationTemplate> = {}): NotificationTemplate => ({
  id: 'assigned',
  name: 'Assigned',
  kind: 'event',
  eventTypes: ['itsm.incident.assigned.v1'],
  variants: [
    { locale: 'en', subject: '{{ ticket.number }}', text: 'ok', html: null },
    { locale: 'de', subject: '{{ ticket.number }}', text, html: '<p>{{ ticket.title }}</p>' },
  ],
  ...extra,
});

describe('TemplateValidator', () => {
  it('accepts every built-in template', () => {
    for (const builtIn of BUILT_IN_TEMPLATES) expect(validator.check(builtIn)).toEqual(builtIn);
  });

  it('accepts loops, assigns and conditions over known fields (locals are not variables)', () => {
    expect(() => validator.check(template('{% assign g = event.groupId %}{{ g }} {% for i in items %}{{ i.ticket.number }}{% endfor %}{% if event.assigneeId %}{{ event.assigneeId }}{% endif %} {{ formatted.at }}'))).not.toThrow();
  });

  it('refuses an unknown variable with its name and locale', () => {
    expect(() => validator.check(template('{{ event.title }}'))).toThrow(expect.objectContaining({ code: NotificationErrorCode.UnknownTemplateVariable, details: { variable: 'event.title', locale: 'de', part: 'text' } }));
  });

  it('finds an unknown variable inside a loop a render would never reach', () => {
    expect(() => validator.check(template('{% for i in items %}{{ bogus.x }}{% endfor %}'))).toThrow(expect.objectContaining({ details: expect.objectContaining({ variable: 'bogus.x' }) }));
  });

  it.each([
    ['a syntax error', '{{ event.groupId '],
    ['an unknown filter', '{{ event.groupId | shell }}'],
    ['an unknown tag', '{% exec "ls" %}'],
    ['an include (no file system)', '{% include "/etc/passwd" %}'],
    ['a render of another file', '{% render "secrets" %}'],
  ])('refuses %s as an invalid template', (_, text) => {
    expect(() => validator.check(template(text))).toThrow(expect.objectContaining({ code: NotificationErrorCode.InvalidTemplate, details: expect.objectContaining({ locale: 'de', part: 'text' }) }));
  });

  it('refuses an event type no topic has', () => {
    expect(() => validator.check(template('ok', { eventTypes: ['itsm.incident.exploded.v1'] }))).toThrow(expect.objectContaining({ code: NotificationErrorCode.UnknownEventType, details: { eventType: 'itsm.incident.exploded.v1' } }));
  });
});
