// Every table of the app. Each area keeps its tables in its own file and is re-exported here,
// which is what drizzle-kit reads to generate migrations.
export * from './core';
export * from './training';
export * from './rotations';
export * from './indicators';
export * from './reports';
export * from './imports';
export * from './security';
