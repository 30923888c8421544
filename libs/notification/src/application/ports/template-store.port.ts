import type { NotificationTemplate } from '../../domain/templates';

/** The templates admins saved (the built-in ones are not stored unless an admin overrides one). */
export abstract class TemplateStore {
  abstract find(id: string): Promise<NotificationTemplate | null>;
  /** The ids among `ids` that are stored. */
  abstract stored(ids: readonly string[]): Promise<readonly string[]>;
  /** Up to `first` templates by `templateSortKey`, after the key `after` (null: from the start). */
  abstract list(first: number, after: string | null): Promise<readonly NotificationTemplate[]>;
  /** Creates or replaces the template of its id. */
  abstract put(template: NotificationTemplate): Promise<void>;
}
