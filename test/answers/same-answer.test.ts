import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

/**
 * An answer that keeps the stored response is written without it (so its index entry stays as it
 * is); the rest of the row changes as for any answer, and the index still finds the invitation.
 */
t.test(
  'the same answer again changes the comment, time and "asked again", and keeps the response',
  async (t) => {
    const { app } = await buildTestApp(t);
    const m = insertMeeting(app.db, { title: 'Politikredsmøde 2027 – Bornholms Politi' });
    const anna = insertInvitee(app.db, m.meetingId, {
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organisationId: m.memberIds.Bornholm!,
      roles: ['boerne-ungechef'],
    });
    const row = () =>
      prepared(
        app.db,
        `SELECT response, comment, responded_at AS respondedAt, updated_at AS updatedAt,
              needs_reconfirm AS needsReconfirm FROM invitation WHERE id = ?`,
      ).get(anna.invitationId) as {
        response: string;
        comment: string | null;
        respondedAt: string;
        updatedAt: string;
        needsReconfirm: number;
      };
    const byIndex = (response: string) =>
      (
        prepared(
          app.db,
          `SELECT id FROM invitation INDEXED BY invitation_meeting_response_idx
          WHERE meeting_id = ? AND response = ?`,
        ).all(m.meetingId, response) as { id: number }[]
      ).map((r) => r.id);
    const answer = (payload: object) => app.inject({ method: 'POST', url: `/rsvp/${anna.token}`, payload });

    const first = await answer({ answer: 'accepted', comment: 'Jeg kommer' });
    t.equal(first.statusCode, 200, first.body);
    const before = row();
    // a new time asks again: the same answer then confirms it
    prepared(app.db, 'UPDATE invitation SET needs_reconfirm = 1 WHERE id = ?').run(anna.invitationId);
    t.match((await answer({ answer: 'accepted' })).json(), { response: 'accepted', askedAgain: false });

    const again = await answer({ answer: 'accepted', comment: 'Jeg kommer med tog' });
    t.equal(again.statusCode, 200, again.body);
    t.match(again.json(), { response: 'accepted', comment: 'Jeg kommer med tog', askedAgain: false });
    const after = row();
    t.match(after, { response: 'accepted', comment: 'Jeg kommer med tog', needsReconfirm: 0 });
    t.ok(after.respondedAt >= before.respondedAt, 'the answer time moves on');
    t.ok(after.updatedAt >= before.updatedAt, 'the row says it changed');
    t.same(byIndex('accepted'), [anna.invitationId], 'the response index finds the kept answer');

    // another answer writes the response, and the index follows it
    t.match((await answer({ answer: 'declined' })).json(), { response: 'declined' });
    t.same(byIndex('accepted'), [], 'no longer under accepted');
    t.same(byIndex('declined'), [anna.invitationId], 'found under declined');
    t.same(app.db.$client.pragma('integrity_check'), [{ integrity_check: 'ok' }], 'the file is consistent');

    const audit = prepared(
      app.db,
      "SELECT changes FROM audit_entry WHERE entity = 'invitation' AND entity_id = ? ORDER BY id",
    ).all(String(anna.invitationId)) as { changes: string }[];
    t.same(
      audit.map((a) => JSON.parse(a.changes).response),
      [
        ['needs_action', 'accepted'],
        ['accepted', 'accepted'],
        ['accepted', 'accepted'],
        ['accepted', 'declined'],
      ],
      'every answer is audited, kept or not',
    );
  },
);
