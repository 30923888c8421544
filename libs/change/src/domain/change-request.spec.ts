import { ChangeErrorCode } from './change.errors';
import { requestChange, requestStandardChange, updateChange } from './change-request';
import type { NewChange } from './change-request';
import { createTemplate, publishTemplate, retireTemplate } from './change-template';
import { at, changeIn } from './test-fixtures/changes';

const input: NewChange = {
  id: 'c-9',
  number: 'CHG0001009',
  model: 'emergency',
  requesterId: 'p-requester',
  title: '  Patch VPN  ',
  description: 'CVE',
  assignmentGroupId: 'g-network',
  assignedOrgId: null,
  assigneeId: null,
  configurationItemIds: ['ci-a', 'ci-a', 'ci-b'],
  serviceIds: [],
  plans: { implementation: '', backout: '', test: '' },
  planned: { start: at(60), end: at(120) },
};

const templateDetails = { name: 'Patch', title: 'Monthly patch', description: '', plans: { implementation: 'a', backout: 'b', test: 'c' }, configurationItemIds: ['ci-a'], serviceIds: ['svc'], assignmentGroupId: 'g-network', durationMinutes: 45 };

describe('requesting and editing a change', () => {
  it('requests a change New with trimmed text and distinct CIs, and says so in one event', () => {
    const { change, events } = requestChange(input, 'p-requester', at(0));
    expect(change).toMatchObject({ state: 'new', model: 'emergency', title: 'Patch VPN', configurationItemIds: ['ci-a', 'ci-b'], version: 1, authorisedAt: null, createdAt: at(0) });
    expect(events.map((e) => e.type)).toEqual(['itsm.change.requested.v1']);
    expect(events[0]?.data).toMatchObject({ changeId: 'c-9', plannedStart: at(60).toISOString(), plannedEnd: at(120).toISOString(), state: 'new' });
  });

  it.each([
    ['an end before the start', { planned: { start: at(60), end: at(59) } }, 'planned'],
    ['an end equal to the start', { planned: { start: at(60), end: at(60) } }, 'planned'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a malformed CI id', { configurationItemIds: ['bad id'] }, 'configurationItemIds'],
    ['an assignee without a group', { assignmentGroupId: null, assigneeId: 'p-x' }, 'assigneeId'],
  ])('refuses %s', (_, patch, field) => {
    expect(() => requestChange({ ...input, ...patch }, 'p-requester', at(0))).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput, details: expect.objectContaining({ field }) }));
  });

  it('creates a standard change from a published template straight into Scheduled, pre-approved, for the template\'s duration', () => {
    const template = publishTemplate(createTemplate('tpl-1', templateDetails, at(0)), at(1));
    const request = { id: 'c-1', number: 'CHG0001001', requesterId: 'p-requester', plannedStart: at(600), title: null, description: null, configurationItemIds: null, assigneeId: null, assignedOrgId: null };
    const { change } = requestStandardChange(template, request, 'p-requester', at(5));
    expect(change).toMatchObject({ model: 'standard', state: 'scheduled', templateId: 'tpl-1', title: 'Monthly patch', serviceIds: ['svc'], planned: { start: at(600), end: at(645) }, authorisedAt: at(5) });
    expect(() => requestStandardChange(retireTemplate(template, at(2)), request, 'p-requester', at(5))).toThrow(expect.objectContaining({ code: ChangeErrorCode.TemplateNotFound }));
    expect(() => requestStandardChange(createTemplate('tpl-2', templateDetails, at(0)), request, 'p-requester', at(5))).toThrow(expect.objectContaining({ code: ChangeErrorCode.TemplateNotFound }));
  });

  it('publishes only a draft with all plans', () => {
    expect(() => publishTemplate(createTemplate('t', { ...templateDetails, plans: { implementation: 'a', backout: '', test: 'c' } }, at(0)), at(1))).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput }));
    expect(() => createTemplate('t', { ...templateDetails, durationMinutes: 0 }, at(0))).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput }));
    const published = publishTemplate(createTemplate('t', templateDetails, at(0)), at(1));
    expect(() => publishTemplate(published, at(2))).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
  });

  it('updates only what changed, and nothing when nothing did', () => {
    const change = changeIn('assess');
    const { change: next, events } = updateChange(change, { title: 'Upgrade edge router', planned: { start: at(100), end: at(200) }, description: '' }, 'p-manager', at(5));
    expect(next).toMatchObject({ title: 'Upgrade edge router', planned: { start: at(100), end: at(200) }, version: change.version + 1 });
    expect(events.map((e) => ('changed' in e.data ? e.data.changed : []))).toEqual([['title', 'planned']]);
    expect(updateChange(change, { title: change.title }, 'p-manager', at(5)).events).toEqual([]);
  });

  it('keeps the plan once work started and everything once closed', () => {
    expect(() => updateChange(changeIn('implement'), { planned: { start: at(1), end: at(2) } }, 'p-manager', at(5))).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    expect(updateChange(changeIn('implement'), { description: 'notes' }, 'p-manager', at(5)).change.description).toBe('notes');
    expect(() => updateChange(changeIn('closed'), { description: 'late' }, 'p-manager', at(5))).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    expect(() => updateChange(changeIn('scheduled', 'standard'), { plans: { implementation: 'x', backout: 'y', test: 'z' } }, 'p-manager', at(5))).toThrow(expect.objectContaining({ code: ChangeErrorCode.InvalidInput }));
  });
});
