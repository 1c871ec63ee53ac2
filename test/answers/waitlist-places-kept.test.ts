import t from 'tap';
import { openDatabase } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { queuePosition, responseRows } from '../../server/answers/queries.ts';
import { inviteeActor, recordResponse } from '../../server/answers/responses.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

/**
 * A waiting invitee's place is kept until the meeting's waiting list changes (waitlist_version,
 * set by triggers): every kind of change, by this connection or another, rolled back or not, gives
 * the place as counted afresh.
 */
t.test('a kept place on the waiting list follows every change to the list', async (t) => {
  const { app } = await buildTestApp(t);
  const db = app.db;
  const m = insertMeeting(db, { capacity: 1, title: 'Politikredsmøde 2027 – Bornholms Politi' });
  const invitees = Array.from({ length: 5 }, (_, i) =>
    insertInvitee(db, m.meetingId, {
      name: `Deltager ${i}`,
      email: `d${i}@brk.dk`,
      organisationId: m.memberIds.Bornholm!,
    }),
  );
  const accept = (i: number) =>
    recordResponse(db, inviteeActor(`d${i}`, 'link'), invitees[i]!.invitationId, { response: 'accepted' });
  const decline = (i: number) =>
    recordResponse(db, inviteeActor(`d${i}`, 'link'), invitees[i]!.invitationId, { response: 'declined' });
  for (const i of [0, 1, 2, 3, 4]) accept(i);
  // counted afresh, as the query before the kept places did
  const counted = (i: number) =>
    prepared<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM waitlist_entry w JOIN invitation i ON i.id = w.invitation_id
       WHERE w.meeting_id = ? AND i.withdrawn_at IS NULL
         AND w.id <= (SELECT id FROM waitlist_entry WHERE invitation_id = ?)`,
    ).get(m.meetingId, invitees[i]!.invitationId)?.n || null;
  const places = () => [1, 2, 3, 4].map((i) => queuePosition(db, invitees[i]!.invitationId));
  const expected = () => [1, 2, 3, 4].map(counted);
  // the meeting's answers overview counts the whole list at once: the same places, withdrawn ones not listed
  const overview = () => {
    const listed = new Map(responseRows(db, m.meetingId).map((r) => [r.invitationId, r.waitlistPosition]));
    return [1, 2, 3, 4].map((i) => listed.get(invitees[i]!.invitationId) ?? null);
  };

  t.same(places(), [1, 2, 3, 4], 'four wait for the one place, in the order they accepted');
  t.same(places(), [1, 2, 3, 4], 'asked again, the same places');

  decline(2);
  t.same(places(), [1, null, 2, 3], 'one ahead leaves the list: those behind move up');
  t.same(places(), expected());

  prepared(db, 'UPDATE invitation SET withdrawn_at = ? WHERE id = ?').run(
    '2027-01-01T00:00:00.000Z',
    invitees[1]!.invitationId,
  );
  t.same(places().slice(2), [1, 2], 'a waiting invitation withdrawn no longer counts ahead');
  t.same(overview(), [null, null, 1, 2], 'the overview leaves it out and counts the rest the same');
  prepared(db, 'UPDATE invitation SET withdrawn_at = NULL WHERE id = ?').run(invitees[1]!.invitationId);
  t.same(places(), [1, null, 2, 3], 'and counts again when it is restored');
  t.same(overview(), places(), 'the overview gives the same places');

  const other = openDatabase(db.$client.name);
  t.teardown(() => other.$client.close());
  prepared(other, 'DELETE FROM waitlist_entry WHERE invitation_id = ?').run(invitees[1]!.invitationId);
  t.same(places(), [null, null, 1, 2], "another connection's change is seen");

  // a change rolled back, then another: the version never comes back to one a place was kept with
  const before = places();
  t.throws(() =>
    db.transaction(() => {
      decline(3);
      t.same(places(), [null, null, null, 1], 'inside the transaction, its own change');
      throw new Error('roll back');
    }),
  );
  t.same(places(), before, 'after the rollback, the places before it');
  t.same(overview(), before, 'and so does the overview');
  decline(3);
  t.same(places(), [null, null, null, 1], 'the same change made for good');

  prepared(db, 'DELETE FROM invitation WHERE id = ?').run(invitees[4]!.invitationId);
  t.same(places(), [null, null, null, null], 'an invitation deleted leaves the list with its entry');
  t.same(places(), expected(), 'every place as counted afresh');
});
