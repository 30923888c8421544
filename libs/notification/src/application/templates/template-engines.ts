import { Injectable } from '@nestjs/common';
import { Liquid } from 'liquidjs';
import type { Template } from 'liquidjs';
import { NotificationErrorCode, notificationError } from '../../domain/notification.errors';
import type { TemplateData, TemplatePart, VariablePath } from '../../domain/templates';

/** Which engine a part renders with: `html` escapes every output, `text` (subject, text, chat) does not. */
export type TemplateMarkup = 'html' | 'text';

/** Where a source sits (error details). */
export interface TemplateSite {
  readonly templateId: string;
  readonly locale: string;
  readonly part: TemplatePart;
}

const PARSE_LIMIT = 100_000;
const RENDER_LIMIT_MS = 200;
const MEMORY_LIMIT = 10_000_000;
const CACHED = 1_000;

function engine(markup: TemplateMarkup): Liquid {
  const liquid = new Liquid({
    // No file system: `include`, `render` and `layout` find nothing (an empty in-memory set).
    templates: {},
    strictFilters: true,
    strictVariables: true,
    // `{% if x %}` and `| default` may read an optional payload field the event left out.
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: markup === 'html' ? 'escape' : undefined,
    parseLimit: PARSE_LIMIT,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
  });
  // `| raw` would let payload text through unescaped into HTML: here it is the identity, escaped like any output.
  liquid.registerFilter('raw', (value: unknown) => value);
  return liquid;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * The sandboxed Liquid engines (liquidjs runs no JavaScript from a template; own properties only,
 * strict variables and filters, parse/render/memory limits). Lives in the application layer, not
 * the domain: its render limit reads the wall clock and its `date` filter can read "now".
 * Parsed sources are kept (bounded), so a template rendered for many recipients parses once.
 */
@Injectable()
export class TemplateEngines {
  private readonly engines: Readonly<Record<TemplateMarkup, Liquid>> = { html: engine('html'), text: engine('text') };
  private readonly parsed = new Map<string, Template[]>();

  /** The parsed source, or NOTIFICATION.INVALID_TEMPLATE (syntax, an unknown filter or tag, too long). */
  parse(source: string, markup: TemplateMarkup, site: TemplateSite): Template[] {
    const key = `${markup}\u0000${source}`;
    const known = this.parsed.get(key);
    if (known !== undefined) return known;
    let templates: Template[];
    try {
      templates = this.engines[markup].parse(source);
    } catch (error) {
      throw notificationError(NotificationErrorCode.InvalidTemplate, `the ${site.locale} ${site.part} of template ${site.templateId} does not parse: ${reasonOf(error)}`, { ...site, reason: reasonOf(error) });
    }
    if (this.parsed.size >= CACHED) this.parsed.clear();
    this.parsed.set(key, templates);
    return templates;
  }

  /**
   * Every variable path the parsed source reads from the context (loop and `assign` locals left
   * out), or NOTIFICATION.INVALID_TEMPLATE when the analysis fails (an `include` or `render`: there
   * are no files to find).
   */
  variables(templates: Template[], markup: TemplateMarkup, site: TemplateSite): readonly VariablePath[] {
    let paths: ReturnType<Liquid['globalVariableSegmentsSync']>;
    try {
      paths = this.engines[markup].globalVariableSegmentsSync(templates);
    } catch (error) {
      throw notificationError(NotificationErrorCode.InvalidTemplate, `the ${site.locale} ${site.part} of template ${site.templateId} cannot be checked: ${reasonOf(error)}`, { ...site, reason: reasonOf(error) });
    }
    // A computed segment (`list[other.path]`) is an index into an array (the inner path is listed on its own).
    return paths.map((path) => path.map((segment) => (Array.isArray(segment) ? 0 : segment)));
  }

  /** The rendered text, or NOTIFICATION.INVALID_TEMPLATE (an absent variable, a limit reached): never half a message. */
  async render(templates: Template[], markup: TemplateMarkup, data: TemplateData, site: TemplateSite): Promise<string> {
    try {
      return String(await this.engines[markup].render(templates, data));
    } catch (error) {
      throw notificationError(NotificationErrorCode.InvalidTemplate, `the ${site.locale} ${site.part} of template ${site.templateId} failed to render: ${reasonOf(error)}`, { ...site, phase: 'render', reason: reasonOf(error) });
    }
  }
}
