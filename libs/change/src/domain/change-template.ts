import { ChangeError, ChangeErrorCode } from './change.errors';
import { LIMITS, idList, optionalId, plans, text, invalid, missingPlans } from './change-input.rules';
import type { ChangePlans } from './change.model';

export const TEMPLATE_STATES = ['draft', 'published', 'retired'] as const;
export type TemplateState = (typeof TEMPLATE_STATES)[number];

/** A standard change template: a pre-approved, repeatable change (ITIL's standard change). */
export interface ChangeTemplate {
  readonly id: string;
  readonly name: string;
  readonly state: TemplateState;
  readonly title: string;
  readonly description: string;
  readonly plans: ChangePlans;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly assignmentGroupId: string | null;
  readonly durationMinutes: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export type TemplateDetails = Pick<ChangeTemplate, 'name' | 'title' | 'description' | 'plans' | 'configurationItemIds' | 'serviceIds' | 'assignmentGroupId' | 'durationMinutes'>;

/** At most a week: a standard change is short and routine. */
export const MAX_TEMPLATE_MINUTES = 7 * 24 * 60;

export function checkedTemplate(details: TemplateDetails): TemplateDetails {
  if (!Number.isInteger(details.durationMinutes) || details.durationMinutes < 1 || details.durationMinutes > MAX_TEMPLATE_MINUTES) {
    throw invalid('durationMinutes', `a whole number of minutes, 1 to ${MAX_TEMPLATE_MINUTES}`);
  }
  return {
    name: text('name', details.name, 120),
    title: text('title', details.title, LIMITS.title),
    description: text('description', details.description, LIMITS.description, false),
    plans: plans(details.plans),
    configurationItemIds: idList('configurationItemIds', details.configurationItemIds, LIMITS.configurationItems),
    serviceIds: idList('serviceIds', details.serviceIds, LIMITS.services),
    assignmentGroupId: optionalId('assignmentGroupId', details.assignmentGroupId),
    durationMinutes: details.durationMinutes,
  };
}

export function createTemplate(id: string, details: TemplateDetails, now: Date): ChangeTemplate {
  return { id, ...checkedTemplate(details), state: 'draft', createdAt: now, updatedAt: now, version: 1 };
}

/** Drafts are edited freely; a published template is retired and replaced rather than edited. */
export function reviseTemplate(template: ChangeTemplate, details: TemplateDetails, now: Date): ChangeTemplate {
  if (template.state !== 'draft') throw new ChangeError(ChangeErrorCode.IllegalTransition, `a ${template.state} template cannot be edited`, { move: 'revise-template', state: template.state });
  return { ...template, ...checkedTemplate(details), updatedAt: now, version: template.version + 1 };
}

/** Draft -> Published: pre-approval needs all three plans. */
export function publishTemplate(template: ChangeTemplate, now: Date): ChangeTemplate {
  if (template.state !== 'draft') throw new ChangeError(ChangeErrorCode.IllegalTransition, `a ${template.state} template cannot be published`, { move: 'publish-template', state: template.state });
  const missing = missingPlans(template.plans);
  if (missing.length > 0) throw invalid('plans', `${missing.join(', ')} required to publish`);
  return { ...template, state: 'published', updatedAt: now, version: template.version + 1 };
}

/** Draft or Published -> Retired (no new standard changes from it; existing ones keep it). */
export function retireTemplate(template: ChangeTemplate, now: Date): ChangeTemplate {
  if (template.state === 'retired') throw new ChangeError(ChangeErrorCode.IllegalTransition, 'the template is already retired', { move: 'retire-template', state: template.state });
  return { ...template, state: 'retired', updatedAt: now, version: template.version + 1 };
}
