import type { INestApplication } from '@nestjs/common';
import { ManageReferenceDataHandler } from '../application/commands/manage-reference-data/manage-reference-data.handler';
import { OpenIncidentHandler } from '../application/commands/open-incident/open-incident.handler';
import { OpenProblemHandler } from '../application/commands/open-problem/open-problem.handler';
import type { IncidentCommandRequest } from '../application/commands/run-incident-command/incident-command-request';
import { RunIncidentCommandHandler } from '../application/commands/run-incident-command/run-incident-command.handler';
import { RunProblemCommandHandler } from '../application/commands/run-problem-command/run-problem-command.handler';
import { FindIncidentsHandler } from '../application/queries/find-incidents/find-incidents.handler';
import { SYSTEM_VIEWER } from '../application/system-viewer';
import type { Level, Viewer } from '../domain';

/**
 * Demo data of the incident context (the all-in-one mode loads it), loaded through the same use cases the API runs (so it emits the
 * same events): a service integrator, a customer, two suppliers, their groups, and incidents in every
 * state. The users match `npm run token -- --role <role>` defaults (`u-agent`, `u-requester`, ...).
 * Skipped when incidents already exist (a persistent MONGO_URL).
 */
export async function loadDemoData(app: INestApplication, demoCis: ReadonlyMap<string, string> = new Map()): Promise<{ loaded: boolean; incidents: number }> {
  // The demo CMDB's ids by CI name (the incidents' CIs, so `affectedServices` answers).
  const ci = (name: string) => demoCis.get(name) ?? `ci-${name}`;
  const find = app.get(FindIncidentsHandler);
  if ((await find.count(SYSTEM_VIEWER, {})) > 0) return { loaded: false, incidents: 0 };
  const reference = app.get(ManageReferenceDataHandler);
  const open = app.get(OpenIncidentHandler);
  const run = app.get(RunIncidentCommandHandler);

  for (const org of [
    { id: 'contoso', name: 'Contoso IT (service integrator)', kind: 'internal' as const },
    { id: 'fabrikam', name: 'Fabrikam Retail', kind: 'customer' as const },
    { id: 'northwind-networks', name: 'Northwind Networks', kind: 'supplier' as const },
    { id: 'tailspin-hosting', name: 'Tailspin Hosting', kind: 'supplier' as const },
  ]) {
    await reference.upsertOrganisation(SYSTEM_VIEWER, org);
  }
  for (const group of [
    { id: 'service-desk', name: 'Service Desk', orgId: 'contoso', members: ['u-agent', 'u-alice', 'u-incident-manager'] },
    { id: 'app-support', name: 'Application Support', orgId: 'contoso', members: ['u-agent', 'u-bob', 'u-problem-manager'] },
    { id: 'network-ops', name: 'Network Operations', orgId: 'northwind-networks', members: ['u-supplier-agent', 'u-nina'] },
    { id: 'hosting-ops', name: 'Hosting Operations', orgId: 'tailspin-hosting', members: ['u-tom'] },
  ]) {
    await reference.upsertGroup(SYSTEM_VIEWER, group);
  }

  const agent: Viewer = { userId: 'u-agent', roles: ['agent'], orgId: 'contoso' };
  const requester: Viewer = { userId: 'u-requester', roles: ['requester'], orgId: 'fabrikam' };
  const act = (id: string, ...requests: IncidentCommandRequest[]) => requests.reduce((done, request) => done.then(() => run.execute(agent, id, request)).then(() => undefined), Promise.resolve());
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
  await act(vpn.id, { kind: 'add-note', noteKind: 'comment', body: 'Northwind: we see flapping on the concentrator, investigating.' });
  const mail = await incident('E-mail delivery delayed', 2, 1, { group: 'app-support', assignee: 'u-agent', service: 'svc-email' });
  await act(mail.id, { kind: 'add-note', noteKind: 'work_note', body: 'Queue at 40k messages; relay throttled by provider.' }, { kind: 'put-on-hold', reason: 'awaiting_vendor' });
  const child = await incident('Shop tills cannot reach payment gateway (Hamburg)', 2, 1, { group: 'service-desk', service: 'svc-store-network' });
  await act(child.id, { kind: 'set-parent', parentId: wan.id });
  const resolved = await incident('Password reset for finance user', 3, 2, { group: 'service-desk', assignee: 'u-alice' });
  await act(resolved.id, { kind: 'resolve', code: 'user-guidance', notes: 'Reset via self-service portal.' });
  const closed = await incident('New starter needs a monitor', 3, 3, { group: 'service-desk', assignee: 'u-alice' });
  await act(closed.id, { kind: 'resolve', code: 'fulfilled', notes: 'Monitor delivered.' }, { kind: 'close' });
  const canceled = await incident('Duplicate: printer queue stuck', 3, 3, { group: 'service-desk' });
  await act(canceled.id, { kind: 'cancel', reason: 'Duplicate of the 3rd floor printer incident.' });
  await incident('Web shop slow at checkout', 2, 2, { group: 'hosting-ops', service: 'svc-webshop', ci: [ci('web-01'), ci('db-01')] });

  const problem = await app.get(OpenProblemHandler).execute(agent, { title: 'Recurring mail relay throttling', description: 'Several delays per month.', impact: 2, urgency: 2, assignmentGroupId: 'app-support', serviceId: 'svc-email' });
  const problems = app.get(RunProblemCommandHandler);
  await problems.execute(agent, problem.id, { kind: 'advance', to: 'root_cause_analysis' });
  await problems.execute(agent, problem.id, { kind: 'record-known-error', symptom: 'Outbound mail queued for hours', rootCause: 'Provider rate limit per sending IP', workaround: 'Route bulk mail through the secondary relay' });
  return { loaded: true, incidents: await find.count(SYSTEM_VIEWER, {}) };
}
