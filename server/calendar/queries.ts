import type { Db } from '../../db/client.ts';
import type { InvitationResponse } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';

/** The calendar feeds' SQL, returning typed rows; the meetings themselves come from planning's one read. */

export interface FeedAreaRow {
  id: number;
  /** The police district's name. */
  name: string;
}

export interface InviteeRow {
  id: number;
  response: InvitationResponse;
  delegatedFromId: number | null;
  name: string;
  email: string;
}

/** The police district area whose district has the code. */
export function districtAreaByCode(db: Db, districtCode: string): FeedAreaRow | undefined {
  return prepared<FeedAreaRow>(
    db,
    `SELECT a.id, d.name FROM area a JOIN organisation d ON d.id = a.convener_id
     WHERE a.kind = 'police_district' AND d.kind = 'police_district' AND d.code = ?`,
  ).get(districtCode);
}

/** The area's meetings beyond the draft stage, in time order. */
export function publishedMeetingIds(db: Db, areaId: number): number[] {
  return prepared<{ id: number }>(
    db,
    "SELECT id FROM meeting WHERE area_id = ? AND status != 'draft' ORDER BY starts_at, id",
  )
    .all(areaId)
    .map(({ id }) => id);
}

/** The meeting's invitations not withdrawn, with the invitee's name and address. */
export function meetingInvitees(db: Db, meetingId: number): InviteeRow[] {
  return prepared<InviteeRow>(
    db,
    `SELECT i.id, i.response, i.delegated_from_id AS delegatedFromId, p.name, p.email
     FROM invitation i JOIN person p ON p.id = i.person_id
     WHERE i.meeting_id = ? AND i.withdrawn_at IS NULL ORDER BY i.id`,
  ).all(meetingId);
}
