import { CmdbEnv } from '@itsm/cmdb';
import { IncidentEnv } from '@itsm/incident';
import { AuthEnv } from '@itsm/platform/auth';
import { KafkaEnv, MongoEnv, httpEnv } from '@itsm/platform/config';
import { GatewayEnv } from '@itsm/gateway';
import { SlaEnv } from '@itsm/sla';

/**
 * The variable names of the env fragments the apps compose their configuration from (their TypeBox
 * schemas), so the validator follows the code instead of a copied list. The gateway's fragment is
 * read from its file until @itsm/gateway has a public index.
 */
interface ObjectSchema {
  readonly properties: Readonly<Record<string, object>>;
  readonly required?: readonly string[];
}

const keys = (schema: ObjectSchema): readonly string[] => Object.keys(schema.properties);
/** Variables the schema itself refuses to start without: required and without a default. */
export const requiredKeys = (schema: ObjectSchema): readonly string[] =>
  (schema.required ?? []).filter((key) => !('default' in (schema.properties[key] ?? {})));

export const HttpEnvKeys = keys(httpEnv(1));
export const KafkaEnvKeys = keys(KafkaEnv);
export const MongoEnvKeys = keys(MongoEnv);
export const AuthEnvKeys = keys(AuthEnv);
export const IncidentEnvKeys = keys(IncidentEnv);
export const SlaEnvKeys = keys(SlaEnv);
export const CmdbEnvKeys = keys(CmdbEnv);
export const GatewayEnvKeys = keys(GatewayEnv);
export const GatewayRequiredKeys = requiredKeys(GatewayEnv);
export const IncidentRequiredKeys = requiredKeys(IncidentEnv);
export const SlaRequiredKeys = requiredKeys(SlaEnv);
export const CmdbRequiredKeys = requiredKeys(CmdbEnv);
