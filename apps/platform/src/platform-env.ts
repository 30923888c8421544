import { Type } from '@sinclair/typebox';
import { GatewayEnv } from '@itsm/gateway';

/** All-in-one settings: the gateway's limits (its subgraphs are this process's own), demo data and the embedded store's persistence. */
export const PlatformEnv = Type.Composite([
  Type.Omit(GatewayEnv, ['GATEWAY_SUBGRAPHS']),
  Type.Object({
    /** Load each context's demo data into an empty store (once: a marker per context remembers it). */
    PLATFORM_DEMO_DATA: Type.Boolean({ default: true }),
    /** Where the embedded store (MONGO_URL unset) keeps its snapshot; relative to the working directory. */
    PLATFORM_DATA_DIR: Type.String({ default: '.itsm/data', minLength: 1, maxLength: 1024, pattern: '^[^\\u0000-\\u001f]+$', expected: 'a directory path' }),
    /** The portal's build, served at / on the gateway's port; relative to the working directory (`node tools/build.mjs` writes it). */
    PLATFORM_PORTAL_DIR: Type.String({ default: 'dist/apps/portal/web', minLength: 1, maxLength: 1024, pattern: '^[^\\u0000-\\u001f]+$', expected: 'a directory path' }),
    /** How often the embedded store snapshots what changed: the most a crash (SIGKILL, power loss) can lose. */
    PLATFORM_PERSIST_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 1_000 }),
    /** Start empty: deletes the embedded store's snapshot first (same as `npm start -- --reset`). */
    PLATFORM_RESET: Type.Boolean({ default: false }),
    /**
     * The local mail sink: an SMTP server on 127.0.0.1 writing every mail to `<PLATFORM_DATA_DIR>/mail`
     * as an .eml file; the notification context sends to it. false: mail goes to NOTIFICATION_SMTP_URL.
     */
    PLATFORM_MAIL_SINK: Type.Boolean({ default: true }),
    /** The sink's port (0: any free one). */
    PLATFORM_MAIL_PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 1025 }),
    /**
     * The local demo supplier (Tailspin Hosting) on 127.0.0.1: the demo data connects Tailspin by webhook
     * to it, and it acknowledges and resolves what it is sent. Off, or SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL
     * set: no receiver (Tailspin on Kafka, or on that URL).
     */
    PLATFORM_DEMO_SUPPLIER: Type.Boolean({ default: true }),
    /** Its port: fixed, since a persisted store keeps the webhook URL Tailspin was first connected with (0: any free one). */
    PLATFORM_DEMO_SUPPLIER_PORT: Type.Integer({ minimum: 0, maximum: 65_535, default: 4190 }),
    /** How long after acknowledging a ticket the demo supplier resolves it. */
    PLATFORM_DEMO_SUPPLIER_RESOLVE_AFTER_MS: Type.Integer({ minimum: 0, maximum: 3_600_000, default: 5_000 }),
  }),
]);
