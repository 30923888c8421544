import type { Filter } from 'scim2-parse-filter';
import type { Group } from '../domain';
import { ScimError } from './scim.errors';
import { optionalText, requiredText } from './scim-json';
import { memberIdsOf } from './scim-group.mapper';
import type { ScimPatchOperation } from './scim-patch-request';

/**
 * What a SCIM PATCH of a group changes, as member batches and attributes, so a group of 100,000 is
 * never restated: `members` add/remove (also `members[value eq "<id>"]`, as Entra ID removes),
 * replace of the whole list, `displayName` and `externalId`. Planned whole before anything is saved.
 */
export interface GroupPatchPlan {
  readonly add: readonly string[];
  readonly remove: readonly string[];
  /** The new name, when the PATCH sets it. */
  readonly rename?: string;
  /** The new external id (null: removed), when the PATCH sets it. */
  readonly externalId?: string | null;
}

export function planGroupPatch(current: Group, operations: readonly ScimPatchOperation[]): GroupPatchPlan {
  const add = new Set<string>();
  const remove = new Set<string>();
  let removeAll = false;
  let rename: string | undefined;
  let externalId: string | null | undefined;
  const adding = (ids: readonly string[]): void => {
    for (const id of ids) {
      remove.delete(id);
      add.add(id);
    }
  };
  const removing = (ids: readonly string[]): void => {
    for (const id of ids) {
      add.delete(id);
      remove.add(id);
    }
  };
  const clearing = (): void => {
    removeAll = true;
    add.clear();
    remove.clear();
  };

  for (const operation of operations) {
    const { path, op } = operation;
    switch (path.attribute.name) {
      case 'displayName':
        if (op === 'remove') throw ScimError.badRequest('invalidValue', '"displayName" is required.');
        rename = requiredText(operation.value, 'displayName');
        break;
      case 'externalId':
        externalId = op === 'remove' ? null : optionalText(operation.value, 'externalId');
        break;
      case 'members':
        if (path.subAttribute !== undefined) throw ScimError.badRequest('invalidPath', `"${path.canonical}": a member is added or removed whole.`);
        if (path.filter !== undefined) {
          if (op !== 'remove') throw ScimError.badRequest('invalidPath', `"${path.canonical}": a value filter on members is for remove.`);
          removing(idsOfFilter(path.filter, path.canonical));
        } else if (op === 'add') {
          adding(memberIdsOf(operation.value, 'members'));
        } else if (op === 'replace') {
          clearing();
          adding(memberIdsOf(operation.value, 'members'));
        } else if (operation.value === undefined) {
          clearing();
        } else {
          removing(memberIdsOf(operation.value, 'members'));
        }
        break;
      default:
        throw ScimError.badRequest('invalidPath', `"${path.canonical}" cannot be changed by PATCH.`);
    }
  }
  return {
    add: [...add],
    // After a clearing remove or replace, every current member not added back goes (later removals are among them).
    remove: removeAll ? current.memberIds.filter((id) => !add.has(id)) : [...remove],
    ...(rename === undefined ? {} : { rename }),
    ...(externalId === undefined ? {} : { externalId }),
  };
}

/** The person ids a `members[value eq "<id>"]` path names (or several joined by `or`); any other filter: 400 invalidPath. */
function idsOfFilter(filter: Filter, path: string): string[] {
  if (filter.op === 'or') return filter.filters.flatMap((inner) => idsOfFilter(inner, path));
  if (filter.op === 'eq' && filter.attrPath === 'value' && typeof filter.compValue === 'string') return [filter.compValue];
  throw ScimError.badRequest('invalidPath', `"${path}": members are selected by value eq "<id>".`);
}
