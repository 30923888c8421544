import { planApproval } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { CatalogueErrorCode } from '../catalogue.errors';
import { approvalRefusal } from './approval-refusal';
import { checkServiceDetails, createService, decideGoLive, requestGoLive, retireService, updateService } from './service';
import type { PortfolioService } from './service';

const T0 = new Date('2030-01-01T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const details = checkServiceDetails({ name: 'Workplace', kind: 'business', ownerId: 'p-owner', offerings: [{ offeringId: 'std', name: 'Standard', availability: '24x7' }] });
const steering: ApprovalPolicy = {
  id: 'steering',
  name: 'Steering',
  order: 1,
  active: true,
  appliesWhen: null,
  autoApproveWhen: null,
  levels: [{ name: 'Board', approvers: { groupIds: ['g'], userIds: [], roles: [] }, rule: { kind: 'all' }, mandatory: true }],
};
const fresh = (): PortfolioService => createService('svc-1', details, 'p-admin', T0).aggregate;
const approve = (s: PortfolioService, who: string, minutes: number) => decideGoLive(s, { actorId: who, onBehalfOf: null, decision: 'approved', comment: null, level: null }, at(minutes));

describe('a portfolio service through its lifecycle', () => {
  it('refuses details naming an unknown kind or two offerings with one id, naming the field', () => {
    expect(() => checkServiceDetails({ ...details, kind: 'shiny' })).toThrow(expect.objectContaining({ code: CatalogueErrorCode.InvalidInput, details: expect.objectContaining({ field: 'kind' }) }));
    const twice = [...details.offerings, ...details.offerings];
    expect(() => checkServiceDetails({ ...details, offerings: twice })).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'offerings', value: 'std' }) }));
  });

  it('goes live at once when no steering policy applies', () => {
    const { aggregate, events } = requestGoLive(fresh(), planApproval([], {}, 'run_all'), [], 'p-owner', at(1));
    expect(aggregate.lifecycle).toBe('live');
    expect(events.map((e) => e.type)).toEqual(['itsm.service.lifecycle-changed.v1']);
  });

  it('waits for every steering approver, then goes live; a second proposal meanwhile is a conflict', () => {
    const plan = planApproval([steering], {}, 'run_all');
    const asked = requestGoLive(fresh(), plan, [['p-s1', 'p-s2']], 'p-owner', at(1));
    expect(asked.events.map((e) => e.type)).toEqual(['itsm.service.approval-requested.v1']);
    expect(() => requestGoLive(asked.aggregate, plan, [['p-s1', 'p-s2']], 'p-owner', at(2))).toThrow(expect.objectContaining({ code: CatalogueErrorCode.Conflict }));
    const first = approve(asked.aggregate, 'p-s1', 3);
    expect(first.aggregate.lifecycle).toBe('pipeline');
    const second = approve(first.aggregate, 'p-s2', 4);
    expect(second.aggregate.lifecycle).toBe('live');
    expect(second.events.map((e) => e.type)).toEqual(['itsm.service.approval-decided.v1', 'itsm.service.lifecycle-changed.v1']);
  });

  it('retires only a live service, once; a retired service is not edited', () => {
    expect(() => retireService(fresh(), null, 'p-owner', at(1))).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
    const live = requestGoLive(fresh(), planApproval([], {}, 'run_all'), [], 'p-owner', at(1)).aggregate;
    const retired = retireService(live, 'Replaced', 'p-owner', at(2));
    expect(retired.events[0]?.data).toMatchObject({ lifecycle: 'retired', previousLifecycle: 'live', reason: 'Replaced' });
    expect(retireService(retired.aggregate, null, 'p-owner', at(3)).events).toEqual([]);
    expect(() => updateService(retired.aggregate, { ...details, name: 'Other' }, 'p-owner', at(4))).toThrow(expect.objectContaining({ code: CatalogueErrorCode.IllegalTransition }));
  });

  it('names the changed fields of an update, and changes nothing when nothing differs', () => {
    expect(updateService(fresh(), details, 'p-owner', at(1)).events).toEqual([]);
    const renamed = updateService(fresh(), { ...details, name: 'Digital workplace' }, 'p-owner', at(1));
    expect(renamed.events[0]?.data).toMatchObject({ changed: ['name'], name: 'Digital workplace' });
  });

  it('stays in the pipeline after a rejection and may be proposed again; a level nobody can decide is refused with a catalogue code', () => {
    const plan = planApproval([steering], {}, 'run_all');
    const asked = requestGoLive(fresh(), plan, [['p-s1']], 'p-owner', at(1));
    const rejected = decideGoLive(asked.aggregate, { actorId: 'p-s1', onBehalfOf: null, decision: 'rejected', comment: 'Not yet', level: null }, at(2));
    expect(rejected.aggregate).toMatchObject({ lifecycle: 'pipeline', approval: { outcome: 'rejected' } });
    expect(requestGoLive(rejected.aggregate, plan, [['p-s1']], 'p-owner', at(3)).aggregate.approval?.outcome).toBe('pending');
    let refusal: unknown;
    try {
      requestGoLive(fresh(), plan, [[]], 'p-owner', at(1));
    } catch (error) {
      refusal = approvalRefusal(error, { serviceId: 'svc-1' });
    }
    expect(refusal).toMatchObject({ code: CatalogueErrorCode.IllegalTransition, details: { approvalCode: 'APPROVAL.NO_APPROVERS', serviceId: 'svc-1' } });
  });
});
