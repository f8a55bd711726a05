/**
 * What the console shows each role, mirroring the server's policy table (Security/Policies.cs): the server refuses
 * anything else, so these only keep the console from offering what would be refused.
 */

/** Roles that may plan guard tours. */
export function canPlanGuardTours(role: string): boolean {
  return /^(admin|operator|dispatcher|responder|guard)$/i.test(role);
}

/** Roles that may read place-based forecasts. */
export function canViewForecasts(role: string): boolean {
  return /^(admin|analyst)$/i.test(role);
}

/**
 * Guards hold no permission on the city-wide desk (alarms, incidents, units, reports, the live feed): their console is
 * the map with the guard-tour planner open, and nothing that would only answer 403.
 */
export function isGuardToursOnly(role: string): boolean {
  return /^guard$/i.test(role);
}
