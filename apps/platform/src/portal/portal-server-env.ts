import { Type } from '@sinclair/typebox';

/** The port the portal's own server listens on unless PORT says otherwise (its image and deploy/base). */
export const PORTAL_DEFAULT_PORT = 8080;

/** The portal's own container (microservices mode): what its server reads besides the OIDC settings (PortalOidcEnv). */
export const PortalServerEnv = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65_535, default: PORTAL_DEFAULT_PORT }),
  PORTAL_WEB_DIR: Type.String({ default: 'dist/apps/portal/web', minLength: 1, maxLength: 1024 }),
  /** The gateway runs trusted documents only (GATEWAY_TRUSTED_DOCUMENTS): the portal sends operation ids. */
  PORTAL_TRUSTED_DOCUMENTS: Type.Boolean({ default: true }),
});
