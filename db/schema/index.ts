export * from './accounts.ts';
export * from './answers.ts';
export * from './invitations.ts';
export * from './outcomes.ts';
export * from './planning.ts';
export * from './register.ts';
export * from './reminders.ts';
export * from './sessions.ts';
