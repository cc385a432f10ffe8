export * from './common';
export * from './errors';
export * from './workspaces';
export * from './auth';
export * from './articles';
export * from './audit';
export * from './health';
export * from './events';
