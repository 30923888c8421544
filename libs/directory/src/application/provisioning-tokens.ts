import { HashedApiTokens } from '@itsm/platform/auth';

/** Every provisioning token starts so (secret scanners and logs recognise it). */
export const PROVISIONING_TOKEN_PREFIX = 'itsm_scim_';

/** SCIM provisioning tokens: the prefix and 32 random bytes (base64url), kept only as their SHA-256 (the platform's hashed API tokens). */
export const provisioningTokens = new HashedApiTokens(PROVISIONING_TOKEN_PREFIX);
