import { ChangeError, ChangeErrorCode } from '../domain';
import type { ChangeTemplate } from '../domain';
import type { TemplateStore } from './ports/change-store.port';

export async function loadTemplate(templates: TemplateStore, id: string): Promise<ChangeTemplate> {
  const template = await templates.byId(id);
  if (template === undefined) throw new ChangeError(ChangeErrorCode.TemplateNotFound, `template ${id} not found`, { templateId: id });
  return template;
}
