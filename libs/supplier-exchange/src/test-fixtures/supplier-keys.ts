/**
 * Fixed Ed25519 key pairs of the test and demo suppliers (Standard Webhooks text form). A connection
 * holds only the public key (`whpk_`); the private key (`whsk_`) stays here, with the code that plays
 * the supplier (specs, the demo receiver). Test keys: never used for anything real.
 */
export const SUPPLIER_KEYS = {
  acme: { publicKey: 'whpk_73I8Y4+PuGIX7LprI7Cq4AWbiJ1Nwx6RN3iUP3CGHnw=', privateKey: 'whsk_FZpAsvWgpaWTXSRROfFqmNXtdc7VG/+A4PcS+pcmOWY=' },
  globex: { publicKey: 'whpk_/aAPwF+n07GF1fJIbQVGaazirSGViGs6Bo4kmQbXHE0=', privateKey: 'whsk_sawL75ROfl9Ycd32oCV4ESRPmEuZU443C1vcH6YK3ug=' },
  northwind: { publicKey: 'whpk_Gds4iDwjI9hpOjua3QBcwUds6L+zTzYuhBMWCSF6hJk=', privateKey: 'whsk_bHBbll80cyCLcEhVaeU3UrkC+76FHolv6eJgb9PGP/I=' },
  tailspin: { publicKey: 'whpk_98z+a+4SN52+DRXMpdm6gYa5m3LXCzipR91eYNXbI5c=', privateKey: 'whsk_FTRI/2/Cifkwu5P7QI56wBhk0HaiYuOIkmNrvTK+OXQ=' },
} as const;
