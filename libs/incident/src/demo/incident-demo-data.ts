import type { INestApplication } from '@nestjs/common';
import { AddIncidentNoteCommand } from '../application/commands/add-incident-note/add-incident-note.command';
import { AddIncidentNoteHandler } from '../application/commands/add-incident-note/add-incident-note.handler';
import { AdvanceProblemCommand } from '../application/commands/advance-problem/advance-problem.command';
import { AdvanceProblemHandler } from '../application/commands/advance-problem/advance-problem.handler';
import { CancelIncidentCommand } from '../application/commands/cancel-incident/cancel-incident.command';
import { CancelIncidentHandler } from '../application/commands/cancel-incident/cancel-incident.handler';
import { CloseIncidentCommand } from '../application/commands/close-incident/close-incident.command';
import { CloseIncidentHandler } from '../application/commands/close-incident/close-incident.handler';
import { OpenIncidentHandler } from '../application/commands/open-incident/open-incident.handler';
import { OpenProblemHandler } from '../application/commands/open-problem/open-problem.handler';
import { PutIncidentOnHoldCommand } from '../application/commands/put-incident-on-hold/put-incident-on-hold.command';
import { PutIncidentOnHoldHandler } from '../application/commands/put-incident-on-hold/put-incident-on-hold.handler';
import { RecordKnownErrorCommand } from '../application/commands/record-known-error/record-known-error.command';
import { RecordKnownErrorHandler } from '../application/commands/record-known-error/record-known-error.handler';
import { ResolveIncidentCommand } from '../application/commands/resolve-incident/resolve-incident.command';
import { ResolveIncidentHandler } from '../application/commands/resolve-incident/resolve-incident.handler';
import { SetIncidentParentCommand } from '../application/commands/set-incident-parent/set-incident-parent.command';
import { SetIncidentParentHandler } from '../application/commands/set-incident-parent/set-incident-parent.handler';
import { CountIncidentsHandler } from '../application/queries/count-incidents/count-incidents.handler';
import { CountIncidentsQuery } from '../application/queries/count-incidents/count-incidents.query';
import { AssignmentGroups, Organisations } from '../application/ports/reference-data.port';
import { SYSTEM_VIEWER } from '../application/system-viewer';
import type { Level, Viewer } from '../domain';

/**
 * Demo data of the incident context (the all-in-one mode loads it), loaded through the same use cases the API runs (so it emits the
 * same events): incidents in every state, handed to the groups of the directory's demo (a service
 * integrator, a customer, two suppliers; their groups and people arrive by `itsm.directory.v1`
 * events, awaited first). The users match `npm run token -- --role <role>` defaults (`u-agent`, `u-requester`, ...).
 * Skipped when incidents already exist (a persistent MONGO_URL).
 */
export async function loadDemoData(app: INestApplication, demoCis: ReadonlyMap<string, string> = new Map()): Promise<{ loaded: boolean; incidents: number }> {
  // The demo CMDB's ids by CI name (the incidents' CIs, so `affectedServices` answers).
  const ci = (name: string) => demoCis.get(name) ?? `ci-${name}`;
  const count = () => app.get(CountIncidentsHandler).execute(SYSTEM_VIEWER, new CountIncidentsQuery());
  if ((await count()) > 0) return { loaded: false, incidents: 0 };
  const open = app.get(OpenIncidentHandler);

  await awaitDirectoryDemo(app);

  const agent: Viewer = { userId: 'u-agent', roles: ['agent'], orgId: 'contoso' };
  const requester: Viewer = { userId: 'u-requester', roles: ['requester'], orgId: 'fabrikam' };
  const incident = (title: string, impact: Level, urgency: Level, extra: { group?: string; assignee?: string; service?: string; ci?: string[] } = {}) =>
    open.execute(agent, {
      title,
      description: `${title} (demo data)`,
      impact,
      urgency,
      callerId: 'u-requester',
      callerOrgId: 'fabrikam',
      ...(extra.group ? { assignmentGroupId: extra.group } : {}),
      ...(extra.assignee ? { assigneeId: extra.assignee } : {}),
      ...(extra.service ? { serviceId: extra.service } : {}),
      ...(extra.ci ? { configurationItemIds: extra.ci } : {}),
    });

  await open.execute(requester, { title: 'Cannot print to the 3rd floor printer', description: 'Jobs stay queued since this morning.', impact: 3, urgency: 2 });
  await incident('Laptop will not boot after update', 3, 3);
  const wan = await incident('WAN link to Hamburg store down', 1, 1, { group: 'network-ops', service: 'svc-store-network', ci: [ci('rtr-hh-01')] });
  const vpn = await incident('VPN disconnects every 10 minutes', 2, 2, { group: 'network-ops', assignee: 'u-supplier-agent', service: 'svc-remote-access' });
  const addNote = app.get(AddIncidentNoteHandler);
  const resolve = app.get(ResolveIncidentHandler);
  await addNote.execute(agent, new AddIncidentNoteCommand(vpn.id, 'comment', 'Northwind: we see flapping on the concentrator, investigating.'));
  const mail = await incident('E-mail delivery delayed', 2, 1, { group: 'app-support', assignee: 'u-agent', service: 'svc-email' });
  await addNote.execute(agent, new AddIncidentNoteCommand(mail.id, 'work_note', 'Queue at 40k messages; relay throttled by provider.'));
  await app.get(PutIncidentOnHoldHandler).execute(agent, new PutIncidentOnHoldCommand(mail.id, 'awaiting_vendor'));
  const child = await incident('Shop tills cannot reach payment gateway (Hamburg)', 2, 1, { group: 'service-desk', service: 'svc-store-network' });
  await app.get(SetIncidentParentHandler).execute(agent, new SetIncidentParentCommand(child.id, wan.id));
  const resolved = await incident('Password reset for finance user', 3, 2, { group: 'service-desk', assignee: 'u-alice' });
  await resolve.execute(agent, new ResolveIncidentCommand(resolved.id, 'user-guidance', 'Reset via self-service portal.'));
  const closed = await incident('New starter needs a monitor', 3, 3, { group: 'service-desk', assignee: 'u-alice' });
  await resolve.execute(agent, new ResolveIncidentCommand(closed.id, 'fulfilled', 'Monitor delivered.'));
  await app.get(CloseIncidentHandler).execute(agent, new CloseIncidentCommand(closed.id));
  const canceled = await incident('Duplicate: printer queue stuck', 3, 3, { group: 'service-desk' });
  await app.get(CancelIncidentHandler).execute(agent, new CancelIncidentCommand(canceled.id, 'Duplicate of the 3rd floor printer incident.'));
  await incident('Web shop slow at checkout', 2, 2, { group: 'hosting-ops', service: 'svc-webshop', ci: [ci('web-01'), ci('db-01')] });

  const problem = await app.get(OpenProblemHandler).execute(agent, { title: 'Recurring mail relay throttling', description: 'Several delays per month.', impact: 2, urgency: 2, assignmentGroupId: 'app-support', serviceId: 'svc-email' });
  await app.get(AdvanceProblemHandler).execute(agent, new AdvanceProblemCommand(problem.id, 'root_cause_analysis'));
  await app.get(RecordKnownErrorHandler).execute(agent, new RecordKnownErrorCommand(problem.id, 'Outbound mail queued for hours', 'Provider rate limit per sending IP', 'Route bulk mail through the secondary relay'));
  return { loaded: true, incidents: await count() };
}

/** The directory's demo records the incidents below name: organisation -> none, group -> the members they assign. */
const DIRECTORY_DEMO = {
  organisations: ['contoso', 'fabrikam', 'northwind-networks', 'tailspin-hosting'],
  groups: { 'service-desk': ['u-alice'], 'app-support': ['u-agent'], 'network-ops': ['u-supplier-agent'], 'hosting-ops': [] as string[] },
};

/**
 * Waits until the directory's demo organisations, groups and people have reached this context's
 * projection (the directory seeds them before the incident context starts; its events are consumed
 * asynchronously). Fails with what is missing when they do not arrive within `timeoutMs`.
 */
async function awaitDirectoryDemo(app: INestApplication, timeoutMs = 60_000): Promise<void> {
  const organisations = app.get(Organisations);
  const groups = app.get(AssignmentGroups);
  const missing = async (): Promise<string[]> => {
    const absent: string[] = [];
    for (const id of DIRECTORY_DEMO.organisations) if (!(await organisations.organisation(id))) absent.push(`organisation ${id}`);
    for (const [id, members] of Object.entries(DIRECTORY_DEMO.groups)) {
      const group = await groups.group(id);
      if (!group) absent.push(`group ${id}`);
      else for (const member of members) if (!group.members.includes(member)) absent.push(`active member ${member} of ${id}`);
    }
    return absent;
  };
  const deadline = Date.now() + timeoutMs;
  for (let absent = await missing(); absent.length > 0; absent = await missing()) {
    if (Date.now() >= deadline) throw new Error(`incident demo: the directory's demo has not reached the incident projection (missing: ${absent.join(', ')}); start the directory context (with its demo) before the incident context`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
