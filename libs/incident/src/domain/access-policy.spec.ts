import type { Viewer } from './access-policy';
import { assertMayRun, canView, incidentScope, mayRun, noteKindFor, visibleNoteKinds } from './access-policy';
import type { GroupRef } from './assignment-group';
import type { Incident, IncidentCommand, OpenIncidentInput } from './incident';
import { openIncident } from './incident';
import { IncidentError, IncidentErrorCode } from './incident.errors';
import { DEFAULT_PRIORITY_MATRIX } from './priority-matrix';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const SERVICE_DESK: GroupRef = { id: 'grp-desk', orgId: null, members: ['agent-1'] };
const ACME: GroupRef = { id: 'grp-acme', orgId: 'org-acme', members: ['acme-1'] };
const ACME_NIGHT: GroupRef = { id: 'grp-acme-night', orgId: 'org-acme', members: ['acme-2'] };
const GLOBEX: GroupRef = { id: 'grp-globex', orgId: 'org-globex', members: ['globex-1'] };

function incident(callerId: string, group: GroupRef | null): Incident {
  const input: OpenIncidentInput = {
    id: `inc-${callerId}-${group?.id ?? 'none'}`,
    number: 'INC0000001',
    title: 'Printer offline',
    description: '',
    callerId,
    callerOrgId: null,
    category: null,
    impact: 3,
    urgency: 3,
    serviceId: null,
    configurationItemIds: [],
    group,
    assigneeId: null,
  };
  return openIncident(input, DEFAULT_PRIORITY_MATRIX, { by: 'agent-1', at: T0 }).incident;
}

const viewer = (userId: string, roles: string[], orgId?: string): Viewer => ({ userId, roles, orgId });
const REQUESTER = viewer('caller-1', ['requester']);
const SUPPLIER = viewer('acme-1', ['supplier-agent'], 'org-acme');
const AGENT = viewer('agent-1', ['agent']);
const MANAGER = viewer('manager-1', ['incident-manager']);

const OWN = incident('caller-1', SERVICE_DESK);
const OTHERS = incident('caller-2', SERVICE_DESK);
const AT_ACME = incident('caller-2', ACME);
const AT_GLOBEX = incident('caller-2', GLOBEX);

/** One command per kind (and per note kind); `satisfies` fails to compile when a command kind is added. */
const COMMANDS = {
  assign: { kind: 'assign', group: ACME_NIGHT, assigneeId: null },
  'start-work': { kind: 'start-work' },
  'put-on-hold': { kind: 'put-on-hold', reason: 'awaiting_vendor' },
  resume: { kind: 'resume', trigger: 'manual' },
  resolve: { kind: 'resolve', code: 'fixed', notes: 'ok', cause: 'manual', causeId: null },
  reopen: { kind: 'reopen', reason: 'again' },
  close: { kind: 'close', automatic: false },
  cancel: { kind: 'cancel', reason: 'mistake' },
  'change-impact-urgency': { kind: 'change-impact-urgency', impact: 1, urgency: 1, matrix: DEFAULT_PRIORITY_MATRIX },
  'apply-matrix': { kind: 'apply-matrix', matrix: DEFAULT_PRIORITY_MATRIX },
  'add-note': { kind: 'add-note', noteId: 'note-1', noteKind: 'comment', body: 'hello' },
  link: { kind: 'link', linkKind: 'service', targetId: 'svc-print' },
  unlink: { kind: 'unlink', linkKind: 'service', targetId: 'svc-print' },
  'set-parent': { kind: 'set-parent', parent: null, hasChildren: false },
  'propose-major': { kind: 'propose-major', reasons: ['priority P1'] },
  'promote-major': { kind: 'promote-major' },
  'decline-major': { kind: 'decline-major', reason: 'no' },
} as const satisfies { [K in IncidentCommand['kind']]: Extract<IncidentCommand, { kind: K }> };
const WORK_NOTE: IncidentCommand = { kind: 'add-note', noteId: 'note-2', noteKind: 'work_note', body: 'internal' };
const ALL: readonly [string, IncidentCommand][] = [...Object.entries(COMMANDS), ['add-note (work note)', WORK_NOTE]];

/** The labels of the commands the viewer may run on the incident. */
const allowed = (who: Viewer, target: Incident) => ALL.filter(([, command]) => mayRun(who, target, command)).map(([label]) => label);

function errorOf(run: () => unknown): IncidentError {
  try {
    run();
  } catch (error) {
    if (error instanceof IncidentError) return error;
    throw error;
  }
  throw new Error('expected an IncidentError');
}

describe('incidentScope and canView', () => {
  it.each([
    ['a requester', REQUESTER, { kind: 'caller', callerId: 'caller-1' }],
    ['a supplier agent', SUPPLIER, { kind: 'assigned-org', orgId: 'org-acme' }],
    ['an agent', AGENT, { kind: 'all' }],
    ['an incident manager', MANAGER, { kind: 'all' }],
    ['a requester who is also an agent (most privileged wins)', viewer('u-1', ['requester', 'agent']), { kind: 'all' }],
    ['a supplier agent without an organisation', viewer('u-2', ['supplier-agent']), { kind: 'none' }],
    ['a user without roles', viewer('u-3', []), { kind: 'none' }],
  ] as const)('%s', (_label, who, scope) => {
    expect(incidentScope(who)).toEqual(scope);
  });

  it('a requester sees only its own incidents', () => {
    expect([OWN, OTHERS, AT_ACME].map((target) => canView(REQUESTER, target))).toEqual([true, false, false]);
  });

  it("a supplier agent sees only incidents assigned to its organisation's groups", () => {
    expect([AT_ACME, AT_GLOBEX, OWN, incident('caller-1', null)].map((target) => canView(SUPPLIER, target))).toEqual([true, false, false, false]);
  });

  it('internal staff see everything; a user without scope nothing', () => {
    expect([OWN, AT_ACME, AT_GLOBEX].every((target) => canView(AGENT, target))).toBe(true);
    expect(canView(viewer('u-3', []), OWN)).toBe(false);
  });
});

describe('mayRun', () => {
  it('a requester may comment on, cancel, close or reopen its own incident only', () => {
    expect(allowed(REQUESTER, OWN)).toEqual(['reopen', 'close', 'cancel', 'add-note']);
    expect(allowed(REQUESTER, OTHERS)).toEqual([]);
  });

  it('a supplier agent works the tickets of its organisation, without priority, links, parents, major status or work notes', () => {
    expect(allowed(SUPPLIER, AT_ACME)).toEqual(['assign', 'start-work', 'put-on-hold', 'resume', 'resolve', 'add-note']);
    expect(allowed(SUPPLIER, AT_GLOBEX)).toEqual([]);
  });

  it('a supplier agent assigns only to a group of its own organisation', () => {
    expect(mayRun(SUPPLIER, AT_ACME, { kind: 'assign', group: ACME_NIGHT, assigneeId: 'acme-2' })).toBe(true);
    expect(mayRun(SUPPLIER, AT_ACME, { kind: 'assign', group: SERVICE_DESK, assigneeId: null })).toBe(false);
    expect(mayRun(SUPPLIER, AT_ACME, { kind: 'assign', group: GLOBEX, assigneeId: null })).toBe(false);
  });

  it('an agent may run everything but major-incident decisions', () => {
    expect(allowed(AGENT, AT_GLOBEX)).toEqual(ALL.map(([label]) => label).filter((label) => label !== 'promote-major' && label !== 'decline-major'));
  });

  it('an incident manager (or admin) also promotes and declines major incidents', () => {
    expect(allowed(MANAGER, OWN)).toEqual(ALL.map(([label]) => label));
    expect(mayRun(viewer('admin-1', ['admin']), OWN, COMMANDS['promote-major'])).toBe(true);
  });
});

describe('assertMayRun', () => {
  it('lets an allowed command through', () => {
    expect(() => assertMayRun(SUPPLIER, AT_ACME, COMMANDS.resolve)).not.toThrow();
  });

  it('refuses a visible incident with INCIDENT.FORBIDDEN', () => {
    const error = errorOf(() => assertMayRun(SUPPLIER, AT_ACME, COMMANDS['change-impact-urgency']));
    expect(error.code).toBe(IncidentErrorCode.Forbidden);
    expect(error.details).toEqual({ action: 'change-impact-urgency' });
    expect(errorOf(() => assertMayRun(SUPPLIER, AT_ACME, WORK_NOTE)).code).toBe(IncidentErrorCode.Forbidden);
    expect(errorOf(() => assertMayRun(AGENT, OWN, COMMANDS['promote-major'])).code).toBe(IncidentErrorCode.Forbidden);
    expect(errorOf(() => assertMayRun(REQUESTER, OWN, COMMANDS.resolve)).code).toBe(IncidentErrorCode.Forbidden);
  });

  it.each([
    ["a supplier agent on another organisation's incident", SUPPLIER, AT_GLOBEX],
    ['a supplier agent on an internal incident', SUPPLIER, OWN],
    ["a requester on someone else's incident", REQUESTER, OTHERS],
  ] as const)('answers INCIDENT.NOT_FOUND to %s, whatever the command (no existence leak)', (_label, who, target) => {
    for (const [, command] of ALL) {
      const error = errorOf(() => assertMayRun(who, target, command));
      expect(error.code).toBe(IncidentErrorCode.NotFound);
      expect(error.details).toEqual({});
      expect(error.message).not.toContain(target.number);
    }
  });
});

describe('notes', () => {
  it('work notes are internal', () => {
    expect(visibleNoteKinds(AGENT)).toEqual(['work_note', 'comment']);
    expect(visibleNoteKinds(SUPPLIER)).toEqual(['comment']);
    expect(visibleNoteKinds(REQUESTER)).toEqual(['comment']);
    expect(noteKindFor(AGENT, 'work_note')).toBe('work_note');
    expect(noteKindFor(SUPPLIER, 'comment')).toBe('comment');
    expect(errorOf(() => noteKindFor(SUPPLIER, 'work_note')).code).toBe(IncidentErrorCode.Forbidden);
  });
});
