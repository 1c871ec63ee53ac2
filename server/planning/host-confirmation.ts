import type { Db } from '../../db/client.ts';
import type { Actor } from '../accounts/accounts.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertVersion, conflict, notFound } from '../http/problems.ts';
import { nowIso } from '../time.ts';
import { findMeeting } from './meetings.ts';
import { meetingRow, updateMeetingRow } from './queries.ts';
import type { HostConfirmation, Meeting } from './schemas.ts';

/**
 * Records that the host confirmed hosting (or takes it back). A facilitator records what the host
 * said on the phone or by mail: the host contact needs no account and no link of its own, and the
 * date proposal the host already receives carries the confirm link for the date.
 */
export function confirmHost(db: Db, actor: Actor, id: number, input: HostConfirmation): Meeting {
  return db.transaction(() => {
    const before = meetingRow(db, id);
    if (!before) throw notFound('Meeting', id);
    assertVersion('Meeting', before.version, input.version);
    if (before.hostOrganisationId === null && input.confirmed)
      throw conflict(`Meeting ${id} has no host to confirm; choose a host or a venue first`);
    const confirmedAt = input.confirmed ? nowIso() : null;
    updateMeetingRow(db, id, {
      hostConfirmedAt: confirmedAt,
      hostConfirmedBy: input.confirmed ? (input.note ?? actor.email) : null,
      version: before.version + 1,
      updatedAt: nowIso(),
    });
    recordAudit(db, actor, {
      action: 'update',
      entity: 'meeting',
      entityId: id,
      changes: { hostConfirmedAt: [before.hostConfirmedAt, confirmedAt] },
    });
    return findMeeting(db, id)!;
  });
}
