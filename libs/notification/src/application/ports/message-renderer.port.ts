import type { Notice, RenderedMessage } from '../../domain';

/**
 * Renders a notice's template for its recipient in `locale` (falling back de-CH -> de -> the
 * default locale): subject and text for every channel, HTML for mail. A notice with several items
 * (a digest, a coalesced storm) renders each item and the count.
 */
export abstract class MessageRenderer {
  abstract render(notice: Notice, locale: string): Promise<RenderedMessage>;
}
