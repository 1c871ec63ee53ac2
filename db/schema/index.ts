export * from './accounts.ts';
export * from './planning.ts';
export * from './register.ts';
