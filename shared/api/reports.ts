// The reports area's calls. Filled in by that area's work.
export const reportsCalls = {};
