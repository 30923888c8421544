import { FindChangeTemplatesHandler } from './find-change-templates/find-change-templates.handler';
import { FindChangeHandler } from './find-change/find-change.handler';
import { FindChangesHandler } from './find-changes/find-changes.handler';
import { VerifyChangeAuditHandler } from './verify-change-audit/verify-change-audit.handler';

export * from './find-change-templates/find-change-templates.handler';
export * from './find-change-templates/find-change-templates.query';
export * from './find-change/find-change.handler';
export * from './find-change/find-change.query';
export * from './find-changes/find-changes.handler';
export * from './find-changes/find-changes.query';
export * from './verify-change-audit/verify-change-audit.handler';
export * from './verify-change-audit/verify-change-audit.query';

export const CHANGE_QUERY_HANDLERS = [FindChangeHandler, FindChangesHandler, FindChangeTemplatesHandler, VerifyChangeAuditHandler];
