/**
 * Vectors on which the library deliberately decides otherwise than upstream's
 * test, each with its reason (the test name → why).
 */
export const DIVERGENCES: Readonly<Record<string, string>> = {
};
