import { Injectable } from '@nestjs/common';
import type { Page } from '@itsm/platform/graphql';
import { BUILT_IN_TEMPLATES, builtInTemplate, templateSortKey } from '../../domain/templates';
import type { NotificationTemplate } from '../../domain/templates';
import { TemplateStore } from '../ports/template-store.port';

/** Every template the context has: the saved ones, and the built-in ones no admin has overridden. */
@Injectable()
export class TemplateLibrary {
  constructor(private readonly store: TemplateStore) {}

  /** The saved template of `id`, else the built-in one, else null. */
  async find(id: string): Promise<NotificationTemplate | null> {
    return (await this.store.find(id)) ?? builtInTemplate(id) ?? null;
  }

  /** The ids among `ids` that name no template. */
  async missing(ids: readonly string[]): Promise<readonly string[]> {
    const unique = [...new Set(ids)];
    const stored = new Set(await this.store.stored(unique.filter((id) => builtInTemplate(id) === undefined)));
    return unique.filter((id) => builtInTemplate(id) === undefined && !stored.has(id));
  }

  /** One page by name (then id) after the sort key `after`, saved and built-in templates merged. */
  async page(first: number, after: string | null): Promise<Page<NotificationTemplate>> {
    const saved = await this.store.list(first + 1, after);
    const overridden = new Set(await this.store.stored(BUILT_IN_TEMPLATES.map((t) => t.id)));
    const builtIns = BUILT_IN_TEMPLATES.filter((t) => !overridden.has(t.id) && (after === null || templateSortKey(t) > after));
    const merged = [...saved, ...builtIns].sort((a, b) => (templateSortKey(a) < templateSortKey(b) ? -1 : 1));
    return { items: merged.slice(0, first), hasNextPage: merged.length > first };
  }
}
