/** The most CIs and services one impact answer lists (impact analysis, affected services). */
export const MAX_IMPACT_LISTED = 10_000;
