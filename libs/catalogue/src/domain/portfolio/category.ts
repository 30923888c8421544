import { CatalogueErrorCode, catalogueError } from '../catalogue.errors';

/** A catalogue category: how a portal groups items (a tree through `parentId`). */
export interface Category {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly parentId: string | null;
}

export interface CategoryInput {
  readonly name: string;
  readonly description?: string | null;
  readonly parentId?: string | null;
}

const MAX_NAME = 200;
const MAX_DESCRIPTION = 2_000;

/**
 * A category as saved: a name of 1..200 characters, a description up to 2,000, and a parent that is
 * not the category itself nor one of its descendants (`ancestorsOfParent`: the parent's chain up to
 * the root, the caller reads it). CATALOGUE.INVALID_INPUT names the field.
 */
export function defineCategory(id: string, input: CategoryInput, ancestorsOfParent: readonly string[]): Category {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME) throw catalogueError(CatalogueErrorCode.InvalidInput, `name must be 1 to ${MAX_NAME} characters`, { field: 'name' });
  const description = (input.description ?? '').trim();
  if (description.length > MAX_DESCRIPTION) throw catalogueError(CatalogueErrorCode.InvalidInput, `description is longer than ${MAX_DESCRIPTION} characters`, { field: 'description' });
  const parentId = input.parentId ?? null;
  if (parentId !== null && (parentId === id || ancestorsOfParent.includes(id))) {
    throw catalogueError(CatalogueErrorCode.InvalidInput, `Category ${id} cannot sit under ${parentId}: that is itself or below it.`, { field: 'parentId', value: parentId });
  }
  return { id, name, description, parentId };
}
