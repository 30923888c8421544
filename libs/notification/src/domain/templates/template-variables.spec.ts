import { incidentTopic } from '@itsm/contracts';
import type { TSchema } from '@sinclair/typebox';
import { NotificationErrorCode } from '../notification.errors';
import { checkTemplateVariables, dateTimeFields } from './template-variables';
import type { VariablePath } from './template-variables';

const opened: TSchema = incidentTopic.events['itsm.incident.opened.v1'];
const assigned: TSchema = incidentTopic.events['itsm.incident.assigned.v1'];

const check = (paths: readonly VariablePath[], schemas = [opened]) => () => checkTemplateVariables([{ locale: 'de', part: 'text', paths }], schemas);

function refusal(run: () => void): { code: string; details: Readonly<Record<string, unknown>> } {
  try {
    run();
  } catch (error) {
    return error as { code: string; details: Readonly<Record<string, unknown>> };
  }
  throw new Error('expected a refusal');
}

describe('template variables', () => {
  it('accepts payload fields under event, the fixed context and the size/first/last of lists', () => {
    expect(
      check([
        ['event', 'title'],
        ['event', 'priority'],
        ['event', 'configurationItemIds', 'size'],
        ['event', 'configurationItemIds', 'first'],
        ['event', 'configurationItemIds', 0],
        ['event', 'title', 'size'],
        ['ticket', 'number'],
        ['ticket', 'link'],
        ['recipient', 'timeZone'],
        ['actor'],
        ['count'],
        ['items'],
        ['items', 'size'],
        ['items', 'first', 'ticket', 'title'],
        ['items', 0, 'event', 'title'],
        ['formatted', 'time'],
        ['formatted', 'at'],
      ]),
    ).not.toThrow();
  });

  it.each([
    ['a field the payload lacks', ['event', 'bogus'], 'event.bogus'],
    ['a field below a scalar', ['event', 'title', 'x'], 'event.title.x'],
    ['the whole payload', ['event'], 'event'],
    ['an unknown root', ['secret'], 'secret'],
    ['a ticket field outside the fixed list', ['ticket', 'rootId'], 'ticket.rootId'],
    ['a date the payload does not have', ['formatted', 'title'], 'formatted.title'],
    ['the constructor', ['constructor'], 'constructor'],
    ['a prototype below a payload field', ['event', '__proto__'], 'event.__proto__'],
    ['a constructor below the ticket', ['ticket', 'constructor', 'name'], 'ticket.constructor.name'],
  ])('refuses %s with its path and locale', (_, path, variable) => {
    expect(refusal(check([path]))).toMatchObject({ code: NotificationErrorCode.UnknownTemplateVariable, details: { variable, locale: 'de', part: 'text' } });
  });

  it('requires a payload field in every listed event type', () => {
    expect(check([['event', 'assigneeId']], [opened, assigned])).not.toThrow();
    expect(refusal(check([['event', 'title']], [opened, assigned]))).toMatchObject({ details: { variable: 'event.title' } });
  });

  it('allows no payload field when the template names no event type', () => {
    expect(refusal(check([['event', 'state']], []))).toMatchObject({ code: NotificationErrorCode.UnknownTemplateVariable, details: { variable: 'event.state' } });
    expect(check([['ticket', 'title'], ['formatted', 'time']], [])).not.toThrow();
  });

  it('finds the date-time fields of a payload', () => {
    expect(dateTimeFields(opened)).toEqual(['at']);
  });
});
