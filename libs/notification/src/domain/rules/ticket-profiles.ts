/** The ticket-relative recipient kinds and ticket facts a profile maps to payload fields. */
export const PROFILE_ROLES = ['number', 'title', 'assignee', 'group', 'caller', 'requester', 'approvers', 'parent', 'owner', 'contact'] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];

/**
 * How one topic's payloads name a ticket's facts: for each role, the payload paths tried in order
 * (the first present, non-null one wins). `about`: the topic's events are about a ticket of another
 * topic (an SLA clock measures an incident): its facts and roles come from that topic's record
 * `ticketType` -> topic, subject `ticketId`.
 */
export interface TicketProfile {
  readonly roles: Readonly<Record<ProfileRole, readonly string[]>>;
  readonly about?: { readonly typeField: string; readonly idField: string; readonly topics: Readonly<Record<string, string>> };
  /**
   * Whether the context owning the topic's tickets takes replies to their notification mails as
   * comments (it consumes `reply-received` for them). Only then does a mail about such a ticket carry
   * a reply address, and only then is a reply published; any other reply is refused and kept with why.
   */
  readonly acceptsReplies: boolean;
  /** The portal path of the topic's records (`<base>/<path>/<id>`); absent: the topic's kind (`incident`). */
  readonly linkPath?: string;
}

const none: readonly string[] = [];
function profile(roles: Partial<Record<ProfileRole, readonly string[]>>, options: { readonly about?: TicketProfile['about']; readonly acceptsReplies?: boolean; readonly linkPath?: string } = {}): TicketProfile {
  const full = Object.fromEntries(PROFILE_ROLES.map((role) => [role, roles[role] ?? none])) as Record<ProfileRole, readonly string[]>;
  const acceptsReplies = options.acceptsReplies ?? false;
  return { roles: full, acceptsReplies, ...(options.about === undefined ? {} : { about: options.about }), ...(options.linkPath === undefined ? {} : { linkPath: options.linkPath }) };
}

/**
 * Per notifiable topic, how its payloads map to ticket roles: DATA, so a new topic is a new row.
 * `group` tries the latest assignment (`groupId` of an assigned event) before the opening one.
 * Requests: the ticket is the request; its latest task names the assignee and group, the person it
 * is for is the caller, who ordered it the requester. An SLA event is about the ticket it measures
 * (incidents: their facts are kept here; requests are keyed by request, not by the measured item or
 * task, so an SLA event on those reads no ticket facts, only its own number). Replies become comments
 * on incidents (libs/incident) and requests (libs/catalogue); problems and changes have no comments,
 * so their mails carry no reply address and a reply to one is refused, not lost unseen. The
 * context's own topic: a disabled endpoint, its owner (a user name) and contact address, linked to
 * the endpoints' admin page.
 */
export const TICKET_PROFILES: Readonly<Record<string, TicketProfile>> = {
  'itsm.incident.v1': profile({ number: ['number'], title: ['title'], assignee: ['assigneeId'], group: ['groupId', 'assignmentGroupId'], caller: ['callerId'], parent: ['parentId'] }, { acceptsReplies: true }),
  'itsm.problem.v1': profile({ number: ['number'], title: ['title'], assignee: ['assigneeId'], group: ['groupId', 'assignmentGroupId'] }),
  'itsm.change.v1': profile({ number: ['number'], title: ['title', 'name'], assignee: ['assigneeId'], group: ['assignmentGroupId'], caller: ['requesterId'], requester: ['requesterId'], approvers: ['approverIds'] }),
  'itsm.request.v1': profile({ number: ['number'], title: ['task.name', 'item.name'], assignee: ['task.assigneeId'], group: ['task.groupId'], caller: ['requestedForId'], requester: ['requestedById'], approvers: ['approverIds'] }, { acceptsReplies: true }),
  'itsm.sla.v1': profile({ number: ['ticketNumber'], title: ['definitionName'] }, { about: { typeField: 'ticketType', idField: 'ticketId', topics: { incident: 'itsm.incident.v1' } } }),
  'itsm.directory.v1': profile({ title: ['displayName', 'name'], caller: ['personId'], group: ['groupId'] }),
  'itsm.cmdb.v1': profile({ title: ['name', 'ciName'] }),
  'itsm.service.v1': profile({ title: ['name'], caller: ['ownerId'], group: ['supportGroupId'], approvers: ['approverIds'] }),
  'itsm.notification.v1': profile({ title: ['name'], owner: ['ownerUserName'], contact: ['contact'] }, { linkPath: 'admin/notification-endpoints' }),
};

/** The profile of a topic (a topic without a row has no ticket roles: fixed recipients only). */
export function profileOf(topic: string): TicketProfile {
  return TICKET_PROFILES[topic] ?? profile({});
}

/** Whether replies to notification mails about a ticket of `topic` become comments (its profile's `acceptsReplies`). */
export function acceptsReplies(topic: string): boolean {
  return profileOf(topic).acceptsReplies;
}

/** The value at a dotted path of a payload (`task.assigneeId`), or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const segment of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The first present, non-null value of a role's paths in `sources` (each source tried in turn for each path). */
export function roleValue(profile: TicketProfile, role: ProfileRole, ...sources: readonly unknown[]): unknown {
  for (const path of profile.roles[role]) {
    for (const source of sources) {
      const value = valueAt(source, path);
      if (value !== undefined && value !== null) return value;
    }
  }
  return null;
}
