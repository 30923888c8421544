import { Injectable } from '@nestjs/common';
import { invalid } from '../../../domain';
import type { ChangeTemplate, ChangeViewer } from '../../../domain';
import { TemplateStore } from '../../ports/change-store.port';
import type { FindChangeTemplatesQuery } from './find-change-templates.query';

const TEMPLATE_EDITORS = ['admin', 'change-manager'];

@Injectable()
export class FindChangeTemplatesHandler {
  constructor(private readonly templates: TemplateStore) {}

  /** Admins and change managers see drafts and retired templates too; everyone else the published catalogue. */
  execute(viewer: ChangeViewer, query: FindChangeTemplatesQuery): Promise<readonly ChangeTemplate[]> {
    if (!Number.isInteger(query.first) || query.first < 1 || query.first > 200) throw invalid('first', '1 to 200');
    const state = TEMPLATE_EDITORS.some((role) => viewer.roles.includes(role)) ? query.state : 'published';
    if (state !== query.state && query.state !== undefined) return Promise.resolve([]);
    return this.templates.list(state, query.first, query.afterName);
  }
}
