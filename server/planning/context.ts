import { MeetingChanges } from './meeting-changes.ts';

/** What a planning write needs beyond the database: whom to tell about meetings, the UID domain. */
export interface PlanningContext {
  changes: MeetingChanges;
  /** Right-hand side of every meeting's iCalendar UID (uuid@domain). */
  icsDomain: string;
}

export function icsDomainOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'samraad.local';
  } catch {
    return 'samraad.local';
  }
}

/** A context nobody listens to yet; `server/plugins/meeting-change-wiring.ts` subscribes the rest. */
export function planningContext(publicUrl: string): PlanningContext {
  return { changes: new MeetingChanges(), icsDomain: icsDomainOf(publicUrl) };
}
