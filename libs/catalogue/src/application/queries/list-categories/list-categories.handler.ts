import { Injectable } from '@nestjs/common';
import type { Category } from '../../../domain';
import { CategoryStore } from '../../ports/portfolio-stores.port';

/** Every category (a small tree a portal shows whole), by name. */
@Injectable()
export class ListCategoriesHandler {
  constructor(private readonly categories: CategoryStore) {}

  execute(): Promise<readonly Category[]> {
    return this.categories.all();
  }
}
