import fc from 'fast-check';
import t from 'tap';
import type { InvitationResponse } from '../../db/schema/index.ts';
import { prepared } from '../../db/statements.ts';
import { responseRows } from '../../server/answers/queries.ts';
import { inviteeActor, recordResponse } from '../../server/answers/responses.ts';
import { placesTaken, waitlistPosition } from '../../server/answers/waiting-list.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';

/** The waiting list as a plain model: places in the order given, the line in the order joined. */
function modelStep(
  state: { places: number[]; line: number[]; answers: Map<number, InvitationResponse> },
  capacity: number,
  who: number,
  answer: InvitationResponse,
) {
  const before = state.answers.get(who) ?? 'needs_action';
  state.answers.set(who, answer);
  if (answer === 'accepted') {
    if (before === 'accepted') return;
    if (state.places.length < capacity) state.places.push(who);
    else state.line.push(who);
    return;
  }
  if (state.line.includes(who)) state.line = state.line.filter((x) => x !== who);
  if (state.places.includes(who)) {
    state.places = state.places.filter((x) => x !== who);
    while (state.places.length < capacity && state.line.length) state.places.push(state.line.shift()!);
  }
}

t.test(
  'whatever the order of answers, the waiting list is first come, first served and never over capacity',
  async (t) => {
    const { app } = await buildTestApp(t);
    const db = app.db;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 6 }),
            fc.constantFrom<InvitationResponse>('accepted', 'tentative', 'declined'),
          ),
          { maxLength: 40 },
        ),
        async (capacity, answers) => {
          run++;
          const m = insertMeeting(db, { capacity, title: 'Politikredsmøde 2027 – Bornholms Politi' });
          const invitees = Array.from({ length: 7 }, (_, i) =>
            insertInvitee(db, m.meetingId, {
              name: `P${i}`,
              email: `p${i}-run${run}@brk.dk`,
              organisationId: m.memberIds.Bornholm!,
            }),
          );
          const mailsBefore = outboxOf(db, 'waitlist-promoted').length;
          const model = {
            places: [] as number[],
            line: [] as number[],
            answers: new Map<number, InvitationResponse>(),
          };
          let promotions = 0;
          for (const [who, answer] of answers) {
            const placesBefore = new Set(model.places);
            const lineBefore = new Set(model.line);
            modelStep(model, capacity, who, answer);
            promotions += model.places.filter((p) => !placesBefore.has(p) && lineBefore.has(p)).length;
            recordResponse(db, inviteeActor(`p${who}`, 'link'), invitees[who]!.invitationId, {
              response: answer,
            });
            const taken = placesTaken(db, m.meetingId);
            if (taken > capacity) return false;
            if (taken !== model.places.length) return false;
            const line = model.line.map((x) => waitlistPosition(db, invitees[x]!.invitationId));
            if (JSON.stringify(line) !== JSON.stringify(model.line.map((_, i) => i + 1))) return false;
            // the answers overview counts every place at once: the same places, nobody else placed
            const overview = new Map(
              responseRows(db, m.meetingId).map((r) => [r.invitationId, r.waitlistPosition]),
            );
            const placed = invitees.map((inv) => overview.get(inv.invitationId));
            const modelPlaced = invitees.map((_, i) =>
              model.line.includes(i) ? model.line.indexOf(i) + 1 : null,
            );
            if (JSON.stringify(placed) !== JSON.stringify(modelPlaced)) return false;
          }
          const responses = prepared(
            db,
            'SELECT id, response FROM invitation WHERE meeting_id = ? ORDER BY id',
          )
            .all(m.meetingId)
            .map((r) => (r as { response: string }).response);
          const expected = invitees.map((_, i) => model.answers.get(i) ?? 'needs_action');
          if (JSON.stringify(responses) !== JSON.stringify(expected)) return false;
          return outboxOf(db, 'waitlist-promoted').length - mailsBefore === promotions;
        },
      ),
      { numRuns: 60 },
    );
    t.pass('held for every generated order');
  },
);
