import type { NotificationTemplate } from '../../../domain/templates';

/** Who the preview is rendered for (the admin asking: their name, the locale and zone they pick). */
export interface PreviewReader {
  readonly personId: string;
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string | null;
}

/**
 * Renders a saved template (`id`) or an unsaved one (`template`, checked as on save) for an event
 * of `eventType`, with `sampleData` as its payload or, when null, an example generated from the
 * event type's schema. A digest template renders three such items.
 */
export class PreviewNotificationTemplateQuery {
  constructor(
    readonly source: { readonly id: string } | { readonly template: NotificationTemplate },
    readonly eventType: string,
    readonly sampleData: Readonly<Record<string, unknown>> | null,
    readonly reader: PreviewReader,
    readonly now: number,
  ) {}
}
