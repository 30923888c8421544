import { REFERENCE_KEY } from './directory-keys';
import { invalidInput, optionalKey, requiredText } from './directory-text';
import { organisationSavedEvent } from './directory.events';
import { ORGANISATION_KINDS } from './directory.model';
import type { Organisation } from './directory.model';
import type { Decided } from './person';

/** How far up an organisation's parents the handler reads to refuse a cycle. */
export const MAX_ORGANISATION_DEPTH = 32;

/** An organisation checked and normalised, or DIRECTORY.INVALID_INPUT. */
export function normaliseOrganisation(input: Organisation): Organisation {
  if (!REFERENCE_KEY.test(input.id)) throw invalidInput('id', 'an organisation id is 2-63 lower-case letters, digits or - (starting with a letter or digit)');
  if (!ORGANISATION_KINDS.includes(input.kind)) throw invalidInput('kind', `kind is one of ${ORGANISATION_KINDS.join(', ')}`);
  const parentId = optionalKey(input.parentId, 'parentId', REFERENCE_KEY, 'an organisation id');
  if (parentId === input.id) throw invalidInput('parentId', 'an organisation is not its own parent');
  return { id: input.id, name: requiredText(input.name, 'name', 200), kind: input.kind, parentId, active: input.active };
}

/**
 * Saves an organisation (new or changed: organisation-saved; the same: no event). `ancestors`: the
 * parent's own chain upwards as stored (the parent first); the organisation among them is a cycle.
 */
export function saveOrganisation(current: Organisation | undefined, organisation: Organisation, ancestors: readonly string[], by: string, at: Date): Decided<Organisation> {
  if (ancestors.includes(organisation.id)) throw invalidInput('parentId', `organisation ${organisation.parentId ?? ''} is below ${organisation.id}: parents may not form a cycle`);
  if (ancestors.length > MAX_ORGANISATION_DEPTH) throw invalidInput('parentId', `organisations nest at most ${MAX_ORGANISATION_DEPTH} deep`);
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(organisation)) return { aggregate: current, events: [] };
  return { aggregate: organisation, events: [organisationSavedEvent(organisation, by, at.toISOString())] };
}
