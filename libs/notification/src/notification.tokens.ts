/** The context's connection (its database), for repositories registered through ContextPersistenceModule. */
export const NOTIFICATION_CONNECTION = Symbol('NOTIFICATION_CONNECTION');
/** The context's settings (NotificationSettings), for its providers. */
export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');
