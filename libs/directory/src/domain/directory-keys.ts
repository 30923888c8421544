/** Natural keys of organisations and chosen group ids: 2-63 lower-case letters, digits or - (as the incident context's). */
export const REFERENCE_KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Any directory id as the contract's `Id` allows it (a chosen person id, a member id). */
export const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
/** A role name as the contract's RoleNameSchema allows it (the platform's roles and those of later contexts). */
export const ROLE_NAME = /^[a-z][a-z-]{0,38}[a-z]$/;
/** The most members one group may have. */
export const MAX_GROUP_MEMBERS = 100_000;
/** Person ids per members-added / members-removed event (the contract's bound). */
export const MEMBER_BATCH_SIZE = 1_000;
/** The most roles a person or group holds directly (the contract's bound). */
export const MAX_ROLES = 20;
