import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CatalogueErrorCode, catalogueError, defineCategory } from '../../../domain';
import type { Category } from '../../../domain';
import { assertCatalogueAdmin } from '../../portfolio-access';
import { CategoryStore } from '../../ports/portfolio-stores.port';
import type { SaveCategoryCommand } from './save-category.command';

@Injectable()
export class SaveCategoryHandler {
  constructor(private readonly categories: CategoryStore) {}

  async execute(command: SaveCategoryCommand): Promise<Category> {
    assertCatalogueAdmin(command.caller, 'manage categories');
    const all = new Map((await this.categories.all()).map((c) => [c.id, c]));
    if (command.categoryId !== null && !all.has(command.categoryId)) throw catalogueError(CatalogueErrorCode.NotFound, `No category ${command.categoryId}.`, { categoryId: command.categoryId });
    const parentId = command.input.parentId ?? null;
    if (parentId !== null && !all.has(parentId)) throw catalogueError(CatalogueErrorCode.NotFound, `No category ${parentId}.`, { categoryId: parentId });
    const ancestors: string[] = [];
    for (let at = parentId === null ? undefined : all.get(parentId); at !== undefined && !ancestors.includes(at.id); at = at.parentId === null ? undefined : all.get(at.parentId)) ancestors.push(at.id);
    const category = defineCategory(command.categoryId ?? randomUUID(), command.input, ancestors);
    await this.categories.put(category);
    return category;
  }
}
