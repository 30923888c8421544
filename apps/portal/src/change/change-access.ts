import type { ApprovalLevel, CabMeeting, ChangeModel, ChangeRecord, ChangeState } from './change-types';

/** The role sets the change API declares (libs/change/src/graphql/change-role-sets.ts), copied: the server still applies its ownership, group and organisation rules. */
const CHANGE_READERS = ['requester', 'change-manager', 'cab-member', 'implementer', 'supplier-agent', 'admin'];
const CHANGE_EDITORS = ['requester', 'change-manager', 'implementer', 'admin'];
const CHANGE_WORKERS = ['change-manager', 'implementer', 'supplier-agent', 'admin'];
const CHANGE_CANCELERS = ['requester', 'change-manager', 'admin'];
const CHANGE_MANAGERS = ['change-manager', 'admin'];
/** The roles the CAB resolver lets decide (libs/change cab.resolver.ts); the roster decides who of them sits on the board. */
const CAB_DECIDERS = ['cab-member', 'change-manager', 'admin', 'requester', 'implementer'];

const any = (roles: readonly string[], allowed: readonly string[]) => roles.some((role) => allowed.includes(role));

export const worksChanges = (roles: readonly string[]): boolean => any(roles, CHANGE_READERS);
export const managesChanges = (roles: readonly string[]): boolean => any(roles, CHANGE_MANAGERS);
/** Re-assessing the risk: the risk resolver's CHANGE_EDITORS. */
export const editsChanges = (roles: readonly string[]): boolean => any(roles, CHANGE_EDITORS);

/** Who is looking: the signed-in person's id and roles. */
export interface Viewer {
  readonly sub: string;
  readonly roles: readonly string[];
}

/**
 * Whether `viewer` may decide items of `meeting`'s agenda (the server's decidingAs): a member (named,
 * or through one of the meeting's CAB groups they belong to) or a delegate of a member, with a role the
 * CAB resolver admits.
 */
export function sitsOnBoard(meeting: Pick<CabMeeting, 'memberIds' | 'memberGroupIds' | 'delegates'>, viewer: Viewer, myGroupIds: readonly string[]): boolean {
  if (!any(viewer.roles, CAB_DECIDERS)) return false;
  const groupMember = meeting.memberGroupIds.some((id) => myGroupIds.includes(id));
  if (meeting.memberIds.includes(viewer.sub) || groupMember) return true;
  return meeting.delegates.some((delegate) => delegate.delegateId === viewer.sub && meeting.memberIds.includes(delegate.forMemberId));
}

export type LifecycleAction = 'submitForAssessment' | 'requestAuthorisation' | 'startImplementation' | 'completeImplementation' | 'closeChange' | 'revertChangeToNew' | 'cancelChange';

type Move = 'submitForAssessment' | 'requestAuthorisation' | 'startImplementation' | 'completeImplementation' | 'closeChange' | 'cancelChange' | 'revertChangeToNew';
const CANCELABLE: readonly ChangeState[] = ['new', 'assess', 'authorize', 'scheduled', 'implement'];

/** From which states each move is legal, per model: libs/change domain change-lifecycle.ts LEGAL_MOVES. */
export const LEGAL_MOVES: Readonly<Record<ChangeModel, Readonly<Record<Move, readonly ChangeState[]>>>> = {
  normal: {
    submitForAssessment: ['new'],
    requestAuthorisation: ['assess'],
    startImplementation: ['scheduled'],
    completeImplementation: ['implement'],
    closeChange: ['review'],
    cancelChange: CANCELABLE,
    revertChangeToNew: ['assess', 'authorize', 'scheduled'],
  },
  emergency: {
    submitForAssessment: [],
    requestAuthorisation: ['new'],
    startImplementation: ['authorize', 'scheduled'],
    completeImplementation: ['implement'],
    closeChange: ['review'],
    cancelChange: CANCELABLE,
    revertChangeToNew: ['authorize', 'scheduled'],
  },
  standard: {
    submitForAssessment: [],
    requestAuthorisation: [],
    startImplementation: ['scheduled'],
    completeImplementation: ['implement'],
    closeChange: ['review'],
    cancelChange: CANCELABLE,
    revertChangeToNew: [],
  },
};

/**
 * The lifecycle actions the API offers for a change to `viewer`: the model's legal moves from its state
 * (close only once authorised), by the resolvers' role sets; a requester only on their own change while
 * New (change-access.policy.ts). The server still applies group and organisation rules.
 */
export function lifecycleActions(change: Pick<ChangeRecord, 'state' | 'model' | 'authorisedAt' | 'requesterId'>, viewer: Viewer): LifecycleAction[] {
  const { roles } = viewer;
  const legal = (move: Move) => LEGAL_MOVES[change.model][move].includes(change.state);
  const ownNew = change.requesterId === viewer.sub && change.state === 'new';
  // A requester (without another role of the set) acts only on their own change while New.
  const holds = (set: readonly string[]) => any(roles, set.filter((role) => role !== 'requester')) || (roles.includes('requester') && set.includes('requester') && ownNew);
  const allowed: Record<Move, boolean> = {
    submitForAssessment: holds(CHANGE_EDITORS),
    requestAuthorisation: holds(CHANGE_EDITORS),
    startImplementation: holds(CHANGE_WORKERS),
    completeImplementation: holds(CHANGE_WORKERS),
    closeChange: holds(CHANGE_WORKERS) && change.authorisedAt !== null,
    revertChangeToNew: holds(CHANGE_MANAGERS),
    cancelChange: holds(CHANGE_CANCELERS),
  };
  return (Object.keys(allowed) as Move[]).filter((move) => allowed[move] && legal(move));
}

/** What the signed-in person may decide now: a pending level naming them, or someone who delegated to them, without that seat's decision yet. */
export interface DecidableSeat {
  readonly level: ApprovalLevel;
  /** The approver decided for (a delegation); null: their own seat. */
  readonly onBehalfOf: string | null;
}

/** The first pending level with an undecided seat of `sub` (own seat first) or of one of `delegators` (active delegations to `sub`). */
export function decidableSeat(change: Pick<ChangeRecord, 'approval'>, sub: string, delegators: readonly string[] = []): DecidableSeat | undefined {
  for (const level of change.approval?.levels ?? []) {
    if (level.status !== 'pending') continue;
    const open = (approver: string) => level.approverIds.includes(approver) && !level.decisions.some((decision) => (decision.onBehalfOf ?? decision.approverId) === approver);
    if (open(sub)) return { level, onBehalfOf: null };
    const delegator = delegators.find((id) => id !== sub && open(id));
    if (delegator !== undefined) return { level, onBehalfOf: delegator };
  }
  return undefined;
}

/** The people who delegated their approvals to `sub` and whose delegation runs at `now` (myApprovalDelegations lists given and received ones). */
export function activeDelegators(delegations: readonly { readonly delegatorId: string; readonly delegateId: string; readonly start: string; readonly end: string; readonly revokedAt: string | null }[], sub: string, now: Date): string[] {
  const at = now.getTime();
  return delegations.filter((d) => d.delegateId === sub && d.revokedAt === null && Date.parse(d.start) <= at && at < Date.parse(d.end)).map((d) => d.delegatorId);
}
