import fc from 'fast-check';
import t from 'tap';
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';
import { commandLineActor } from '../../server/accounts/accounts.ts';
import { inviteeActor } from '../../server/answers/responses.ts';
import { answerInvitation } from '../../server/meeting-sessions/answers.ts';
import { SessionRefusal } from '../../server/meeting-sessions/refusals.ts';
import { seatState } from '../../server/meeting-sessions/seats.ts';
import { createSession, listSessions } from '../../server/meeting-sessions/sessions.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

/** One invitee's step: choose session k (0-based), or decline. */
type Step = [who: number, choice: number | 'declined'];

const PEOPLE = 6;
const NOW = new Date('2029-01-01T12:00:00Z');

/**
 * Plays the steps on a fresh meeting with sessions of the given capacities: the seats held and
 * waited for, the refusals and the mail each invitee got, as plain data to compare.
 */
function play(
  db: Db,
  config: { PUBLIC_URL: string; MAIL_FROM: string },
  run: string,
  capacities: number[],
  steps: Step[],
) {
  const m = insertMeeting(db, { status: 'planned', title: `Kursus ${run}` });
  const sessions = capacities.map(
    (capacity, i) =>
      createSession(db, commandLineActor, m.meetingId, {
        date: `2030-0${1 + i}-15`,
        startTime: '09:00',
        endTime: '12:00',
        capacity,
      }).id,
  );
  const invitees = Array.from({ length: PEOPLE }, (_, i) =>
    insertInvitee(db, m.meetingId, {
      name: `Deltager ${i}`,
      email: `p${i}-${run}@kursus.dk`,
      organisationId: m.memberIds.Bornholm!,
    }),
  );
  const outcomes: string[] = [];
  for (const [who, choice] of steps) {
    const input =
      choice === 'declined'
        ? { answer: 'declined' as const }
        : { answer: 'accepted' as const, session: sessions[choice % sessions.length]! };
    try {
      answerInvitation(db, config, inviteeActor(`p${who}`, 'link'), invitees[who]!.invitationId, input, NOW);
      outcomes.push('ok');
    } catch (error) {
      if (!(error instanceof SessionRefusal)) throw error;
      outcomes.push(error.fault.reason);
    }
  }
  const index = (id: number | null) => (id === null ? null : sessions.indexOf(id));
  const seats = invitees.map((i) => {
    const s = seatState(db, i.invitationId);
    return [index(s.sessionId), s.waiting, s.waitingPosition];
  });
  const mail = invitees.map((i) =>
    prepared<{ kind: string }>(db, 'SELECT kind FROM outbox_message WHERE invitation_id = ? ORDER BY id')
      .all(i.invitationId)
      .map((r) => r.kind)
      .join(','),
  );
  const figures = listSessions(db, m.meetingId).sessions.map((s) => [s.accepted, s.capacity, s.waiting]);
  return { outcomes, seats, mail, figures };
}

t.test(
  'with sessions, no session exceeds its capacity and the same answers give the same result',
  async (t) => {
    const { app } = await buildTestApp(t);
    const config = { PUBLIC_URL: 'http://samraad.test', MAIL_FROM: app.config.MAIL_FROM };
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: PEOPLE - 1 }),
            fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant('declined' as const)),
          ),
          { maxLength: 30 },
        ),
        (capacities, steps) => {
          run++;
          const first = play(app.db, config, `${run}a`, capacities, steps);
          const again = play(app.db, config, `${run}b`, capacities, steps);
          // never over capacity, and a waiting list only behind a full session
          for (const [accepted, capacity, waiting] of first.figures) {
            if (accepted! > capacity!) return false;
            if (waiting! > 0 && accepted! < capacity!) return false;
          }
          // everyone in at most one session: waiting positions in each line are 1..n
          for (let k = 0; k < capacities.length; k++) {
            const line = first.seats
              .filter(([s, waiting]) => s === k && waiting)
              .map(([, , p]) => p)
              .sort();
            if (JSON.stringify(line) !== JSON.stringify(line.map((_, i) => i + 1))) return false;
          }
          return JSON.stringify(first) === JSON.stringify(again);
        },
      ),
      { numRuns: 40 },
    );
    t.pass('held for every generated set of sessions and answers');
  },
);
