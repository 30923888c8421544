import { putMissingRules } from '../application/built-in-rules';
import type { SeededRule } from '../application/built-in-rules';
import type { NotificationRuleStore } from '../application/ports/notification-rule-store.port';
import type { NotificationRule } from '../domain';
import { BUILT_IN_TEMPLATE_IDS } from '../domain/templates';
import { DEMO_ESCALATION_POLICY } from './notification-demo-on-call';

/**
 * The demo's rules, by fixed id, on the built-in event template (any admin may save their own). No CAB rule:
 * no change event names the CAB members when a change is scheduled (the minutes name attendees
 * after the meeting).
 */
export const DEMO_NOTIFICATION_RULES: readonly SeededRule[] = [
  { id: 'demo-incident-assigned', name: 'Incident assigned to a group: its members', trigger: { eventType: 'itsm.incident.assigned.v1', conditions: [] }, recipients: [{ kind: 'assignment_group' }], channels: ['email', 'in_app'], endpoints: [], category: 'assignment', urgent: false, templateId: BUILT_IN_TEMPLATE_IDS.event },
  // Pages through the demo escalation policy (its level 1 is the on-call person): no recipients of its own, or level 1 would get two messages.
  { id: 'demo-p1-opened', name: 'P1 opened: escalate from the on-call person of its group', trigger: { eventType: 'itsm.incident.opened.v1', conditions: [{ field: 'event.priority', operator: 'eq', value: 1 }] }, recipients: [], channels: [], endpoints: [], category: 'major_incident', urgent: true, templateId: BUILT_IN_TEMPLATE_IDS.event, escalationPolicyId: DEMO_ESCALATION_POLICY.id },
  { id: 'demo-sla-warning', name: 'SLA at 75%: the assignee', trigger: { eventType: 'itsm.sla.clock-warning.v1', conditions: [{ field: 'event.thresholdPercent', operator: 'gte', value: 75 }] }, recipients: [{ kind: 'assignee' }], channels: ['email', 'in_app'], endpoints: [], category: 'sla', urgent: false, templateId: BUILT_IN_TEMPLATE_IDS.event },
  { id: 'demo-request-approval', name: 'Request approval requested: the approvers', trigger: { eventType: 'itsm.request.approval-requested.v1', conditions: [] }, recipients: [{ kind: 'approvers' }], channels: ['email', 'in_app'], endpoints: [], category: 'approval', urgent: false, templateId: BUILT_IN_TEMPLATE_IDS.event },
];

/**
 * Puts the demo rules (validated as a save would) whose ids are not taken: an admin's change to a
 * demo rule survives restarts. The P1 rule's policy is seeded first (seedDemoOnCall). Answers the rules it put.
 */
export function seedDemoNotificationRules(store: NotificationRuleStore): Promise<readonly NotificationRule[]> {
  return putMissingRules(store, DEMO_NOTIFICATION_RULES);
}
