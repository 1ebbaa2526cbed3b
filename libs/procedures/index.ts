/** The procedures the system runs, one definition each (see README, "Een procedure toevoegen / Adding a procedure"). */
export * from './registry';
export type * from './types';

export * from './channels';
