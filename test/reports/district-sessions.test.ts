import t from 'tap';
import { inviteeActor } from '../../server/answers/responses.ts';
import { answerInvitation } from '../../server/meeting-sessions/answers.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

t.test(
  "a district report shows a meeting held as sessions session by session, and the meeting's sums",
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const m = insertMeeting(app.db, {
      districtCode: '1465',
      status: 'planned',
      startsAt: '2027-10-05T07:00:00.000Z',
    });
    const sessions: number[] = [];
    for (const [startTime, endTime, capacity] of [
      ['09:00', '12:00', 2],
      ['13:00', '16:00', 25],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/meetings/${m.meetingId}/sessions`,
        headers: as.facilitator,
        payload: { date: '2027-10-05', startTime, endTime, capacity, venueName: 'Børnehus Syd' },
      });
      t.equal(res.statusCode, 201, res.body);
      sessions.push(res.json().id);
    }
    const organisationId = Object.values(m.memberIds)[0]!;
    const now = new Date('2027-01-10T10:00:00Z');
    for (const [i, k] of [0, 0, 0, 1].entries()) {
      const invitee = insertInvitee(app.db, m.meetingId, {
        name: `Deltager ${i}`,
        email: `d${i}@fyn.dk`,
        organisationId,
      });
      answerInvitation(
        app.db,
        app.config,
        inviteeActor(`d${i}@fyn.dk`, 'link'),
        invitee.invitationId,
        {
          answer: 'accepted',
          session: sessions[k]!,
        },
        now,
      );
    }
    const get = (format: string) =>
      app.inject({
        url: `/api/reports/agreements?year=2027&district=1465&format=${format}`,
        headers: as.viewer,
      });
    const json = (await get('json')).json();
    t.match(json.sections[0].meeting.sessions, [
      { capacity: 2, accepted: 2, waiting: 1, attended: 0 },
      { capacity: 25, accepted: 1, waiting: 0 },
    ]);
    const html = (await get('html')).body;
    t.match(html, '<h4>Økter</h4>', 'the HTML report has a sessions table');
    t.match(
      html,
      /<tr class="total"><td>I alt<\/td><td><\/td><td>3<\/td><td>27<\/td><td>1<\/td><td>0<\/td><\/tr>/,
      "and the meeting's sums",
    );
  },
);
