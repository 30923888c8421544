import { Type } from '@sinclair/typebox';
import { ContractError, ContractErrorCode } from './contract.errors';
import { checkText, controlCharacterIndex, TEXT_LIMITS, TextSchema } from './text';
import { cmdbDiscoveryTopic } from './topics/cmdb.topic';
import { incidentTopic } from './topics/incident.topic';
import { defineTopic, TopicRegistry } from './topic-registry';

describe('checkText', () => {
  it('normalises to NFC and keeps tab and newline', () => {
    const decomposed = 'Cafe\u0301 down';
    expect(checkText(decomposed, 'name')).toEqual({ value: 'Caf\u00e9 down' });
    expect(checkText('a\tb\nc', 'text')).toEqual({ value: 'a\tb\nc' });
  });

  it('turns CR LF and a lone CR into LF', () => {
    expect(checkText('one\r\ntwo\rthree', 'text')).toEqual({ value: 'one\ntwo\nthree' });
  });

  it.each([
    ['NUL', 'a\u0000b', 1],
    ['escape', '\u001b[31mred', 0],
    ['vertical tab', 'x\u000by', 1],
    ['DEL', 'x\u007f', 1],
    ['C1 next line', 'ab\u0085', 2],
    ['C1 last', '\u009f', 0],
  ])('refuses %s with its position', (_name, text, index) => {
    expect(checkText(text, 'text')).toEqual({ problem: { reason: 'control_character', index } });
  });

  it('accepts characters next to the control ranges', () => {
    expect(checkText(' ~\u00a0\u00ff', 'name')).toEqual({ value: ' ~\u00a0\u00ff' });
  });

  it('limits the length by kind, counted after normalisation', () => {
    expect(checkText('x'.repeat(TEXT_LIMITS.id), 'id')).toEqual({ value: 'x'.repeat(TEXT_LIMITS.id) });
    expect(checkText('x'.repeat(TEXT_LIMITS.id + 1), 'id')).toEqual({ problem: { reason: 'too_long', max: TEXT_LIMITS.id } });
    expect(checkText('x'.repeat(TEXT_LIMITS.name + 1), 'name')).toEqual({ problem: { reason: 'too_long', max: TEXT_LIMITS.name } });
    expect(checkText('x'.repeat(TEXT_LIMITS.name + 1), 'text')).toEqual({ value: 'x'.repeat(TEXT_LIMITS.name + 1) });
    expect(checkText('\r\n'.repeat(TEXT_LIMITS.id), 'id')).toEqual({ value: '\n'.repeat(TEXT_LIMITS.id) });
  });

  it('finds no control character in plain text', () => {
    expect(controlCharacterIndex('plain text, ünïcödé ✓')).toBe(-1);
  });
});

describe('TextSchema on event payloads', () => {
  const topic = defineTopic({ name: 'itsm.note.v1', aggregate: 'note', partitions: 1, events: { 'itsm.note.added.v1': Type.Object({ body: TextSchema({ minLength: 1, maxLength: 10 }) }) } });
  const registry = new TopicRegistry([topic]);
  const validate = (body: string) => () => registry.validatePayload('itsm.note.v1', 'itsm.note.added.v1', { body });

  it('keeps the length bounds and refuses control characters other than tab and newline', () => {
    expect(validate('a\tb\nc')).not.toThrow();
    expect(validate('x'.repeat(11))).toThrow(ContractError);
    expect(validate('')).toThrow(ContractError);
    for (const bad of ['a\u0000', 'a\r\nb', '\u001b', '\u007f', '\u0085']) expect(validate(bad)).toThrow(expect.objectContaining({ code: ContractErrorCode.InvalidPayload }));
  });

  it('refuses a discovery event with a NUL in an attribute value, and an incident event with one in its title', () => {
    const registry = new TopicRegistry([cmdbDiscoveryTopic, incidentTopic]);
    const discovered = { source: 'sccm', classId: 'linux_server', attributes: { name: 'web-01', os: 'Linux' }, relationships: [], by: 'discovery', at: '2030-01-01T00:00:00Z' };
    expect(() => registry.validatePayload(cmdbDiscoveryTopic.name, 'itsm.cmdb-discovery.ci-discovered.v1', discovered)).not.toThrow();
    const poisoned = { ...discovered, attributes: { name: 'web-01\u0000', os: 'Linux' } };
    expect(() => registry.validatePayload(cmdbDiscoveryTopic.name, 'itsm.cmdb-discovery.ci-discovered.v1', poisoned)).toThrow(expect.objectContaining({ code: ContractErrorCode.InvalidPayload }));
    const canceled = { reason: 'dup\u0000licate', state: 'canceled', by: 'u-1', at: '2030-01-01T00:00:00Z' };
    expect(() => registry.validatePayload(incidentTopic.name, 'itsm.incident.canceled.v1', canceled)).toThrow(expect.objectContaining({ code: ContractErrorCode.InvalidPayload }));
    expect(() => registry.validatePayload(incidentTopic.name, 'itsm.incident.canceled.v1', { ...canceled, reason: 'duplicate' })).not.toThrow();
  });
});
