import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { readAnswerMeeting } from '../../server/answers/meeting-reads.ts';
import { NotFound } from '../../server/http/problems.ts';
import { meetingRecord } from '../../server/planning/meetings.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

/**
 * An answer reads the meeting narrower than the meeting record: the same values under the same
 * names, and the programme its audit entry is filed under, as the entry would find it itself.
 */
t.test(
  'the meeting as an answer reads it is the meeting record, and its audit entry has its programme',
  async (t) => {
    const { app } = await buildTestApp(t);
    const m = insertMeeting(app.db, {
      title: 'Politikredsmøde 2027 – Bornholms Politi',
      capacity: 1,
    } as never);
    const now = new Date().toISOString();
    // a planned cycle's reply setting, which a meeting without its own reply-by date follows
    const cycleId = Number(
      prepared(
        app.db,
        `INSERT INTO cycle (year, name, settings, created_at, updated_at)
       VALUES (2027, 'Runde 2027', '{"replyDaysBefore": 9}', ?, ?)`,
      ).run(now, now).lastInsertRowid,
    );
    prepared(app.db, 'UPDATE meeting SET cycle_id = ?, capacity = 1 WHERE id = ?').run(cycleId, m.meetingId);

    const record = meetingRecord(app.db, m.meetingId);
    const read = readAnswerMeeting(app.db, m.meetingId);
    const { programmeId, ...facts } = read;
    const same = Object.fromEntries(
      Object.keys(facts).map((key) => [key, record[key as keyof typeof record]]),
    );
    t.same(facts, same, 'every column as the meeting record has it');
    t.equal(read.replyDaysBefore, 9, "the cycle's reply setting");
    t.equal(read.capacity, 1);
    const area = prepared(app.db, 'SELECT programme_id AS programmeId FROM area WHERE id = ?').get(
      record.areaId,
    ) as {
      programmeId: number | null;
    };
    t.equal(programmeId, area.programmeId, "the area's programme");
    t.throws(
      () => readAnswerMeeting(app.db, 999_999),
      new NotFound('Meeting', 999_999),
      'an unknown meeting is not found',
    );

    const anna = insertInvitee(app.db, m.meetingId, {
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organisationId: m.memberIds.Bornholm!,
      roles: ['boerne-ungechef'],
    });
    const answered = await app.inject({
      method: 'POST',
      url: `/rsvp/${anna.token}`,
      payload: { answer: 'accepted' },
    });
    t.equal(answered.statusCode, 200, answered.body);
    t.match(answered.json(), { response: 'accepted', waitlisted: false, replyBy: read.replyBy ?? String });
    const entry = prepared(
      app.db,
      "SELECT programme_id AS programmeId FROM audit_entry WHERE entity = 'invitation' AND entity_id = ?",
    ).get(String(anna.invitationId)) as { programmeId: number | null };
    t.equal(entry.programmeId, area.programmeId, 'the audit entry is filed under the programme');
  },
);
