import { ChangeLifecycleResolver } from './change-lifecycle.resolver';
import { ChangeQueryResolver } from './change-query.resolver';
import { ChangeRequestResolver } from './change-request.resolver';
import { ChangeTemplateResolver } from './change-template.resolver';

export * from './change.schema-marker';
export * from './change.types';

export const CHANGE_RESOLVERS = [ChangeQueryResolver, ChangeRequestResolver, ChangeLifecycleResolver, ChangeTemplateResolver];
