import t from 'tap';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { inviteeActor } from '../../server/answers/responses.ts';
import { platformAddress } from '../../server/invitations/queue-mail.ts';
import { answerInvitation } from '../../server/meeting-sessions/answers.ts';
import { seatUid } from '../../server/meeting-sessions/seat-mail.ts';
import { seatState } from '../../server/meeting-sessions/seats.ts';
import { createSession } from '../../server/meeting-sessions/sessions.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { calendarReplyMail, outboxOf } from '../helpers/mail.ts';

t.test(
  "a calendar reply to an invitee's own session entry is theirs: not coming gives the place up",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const m = insertMeeting(app.db, { status: 'planned' });
    const session = createSession(app.db, commandLineActor, m.meetingId, {
      date: '2030-03-05',
      startTime: '09:00',
      endTime: '12:00',
      capacity: 1,
    });
    const organisationId = m.memberIds.Bornholm!;
    const anna = insertInvitee(app.db, m.meetingId, {
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organisationId,
    });
    const bo = insertInvitee(app.db, m.meetingId, { name: 'Bo Ravn', email: 'bo@brk.dk', organisationId });
    for (const [who, email] of [
      [anna, 'anna@brk.dk'],
      [bo, 'bo@brk.dk'],
    ] as const)
      answerInvitation(
        app.db,
        app.config,
        inviteeActor(email, 'link'),
        who.invitationId,
        {
          answer: 'accepted',
          session: session.id,
          // answered a minute ago: the calendar reply (DTSTAMP now) is the newer answer
        },
        new Date(Date.now() - 60_000),
      );
    t.equal(seatState(app.db, bo.invitationId).waiting, true, 'Bo waits behind Anna');

    const raw = await calendarReplyMail({
      uid: seatUid(m.icsUid, anna.invitationId),
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organizer: platformAddress(app.config).address,
      subject: 'Foreløbigt: Kursus',
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/inbound/email',
      headers: { 'content-type': 'message/rfc822', ...as.facilitator },
      payload: raw,
    });
    t.equal(res.statusCode, 200, res.body);
    t.equal(
      res.json().replies[0]?.invitationId,
      anna.invitationId,
      "the reply is matched to Anna's invitation",
    );
    t.equal(seatState(app.db, anna.invitationId).sessionId, null, 'a tentative answer gives her place up');
    t.equal(seatState(app.db, bo.invitationId).waiting, false, 'and Bo has it');
    const boMail = outboxOf(app.db).filter(
      (o) => o.invitationId === bo.invitationId && o.kind === 'invitation',
    );
    t.equal(boMail.length, 1, 'Bo is sent his calendar entry');
  },
);
