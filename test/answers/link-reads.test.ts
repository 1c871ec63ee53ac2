import t from 'tap';
import { prepared } from '../../db/statements.ts';
import { findInvitee, inviteeByLookupId } from '../../server/answers/queries.ts';
import { inviteeActor } from '../../server/answers/responses.ts';
import { AnswerState } from '../../server/answers/schemas.ts';
import { findInviteeByAnswerToken } from '../../server/answers/tokens.ts';
import { serializerFor } from '../../server/http/serializer.ts';
import { answerInvitation } from '../../server/meeting-sessions/answers.ts';
import { answerWithSeat } from '../../server/routes/rsvp.ts';
import { buildTestApp } from '../helpers/app.ts';
import { meetingWithInvitees } from '../helpers/factories.ts';

/**
 * The reads behind an answer link copy their values key by key (faster objects than a rest or spread
 * copy): they must keep every key, so a column or field added later is not silently left out.
 */
t.test('an invitee read with its link is the invitee read by id, key for key', async (t) => {
  const { app } = await buildTestApp(t);
  const {
    invitees: [a],
  } = meetingWithInvitees(app.db, [{ name: 'Åse Ærø', email: 'a@brk.dk' }]);
  prepared(app.db, "UPDATE invitation SET comment = 'Kommer sent', needs_reconfirm = 1 WHERE id = ?").run(
    a.invitationId,
  );
  const lookupId = /^rsvp_([A-Za-z0-9_-]{12})_/.exec(a.token)![1]!;
  const read = inviteeByLookupId(app.db, lookupId)!;
  const byId = findInvitee(app.db, a.invitationId)!;
  t.same(Object.keys(read.invitee), Object.keys(byId), 'the same keys, in the same order');
  t.strictSame(read.invitee, byId);
  t.equal(read.invitee.needsReconfirm, true);
  t.type(read.secretHash, 'string');
  t.type(read.expiresAt, 'string');
});

t.test("the answer POST's state is the answer with its seat, sent as a spread copy was", async (t) => {
  const { app } = await buildTestApp(t);
  const {
    invitees: [a],
  } = meetingWithInvitees(app.db, [{ name: 'A', email: 'a@brk.dk' }]);
  const result = answerInvitation(app.db, app.config, inviteeActor('a@brk.dk', 'link'), a.invitationId, {
    answer: 'accepted',
    comment: 'Glæder mig',
  });
  const spread = { ...result.answer, seat: result.seat };
  const state = answerWithSeat(result);
  t.same(Object.keys(state).sort(), Object.keys(spread).sort(), 'every key of the answer, and the seat');
  t.strictSame(state, spread);
  t.equal(serializerFor(AnswerState)(state), serializerFor(AnswerState)(spread));
});

t.test('links with different expiries are each judged by their own, read in any order', async (t) => {
  const { app } = await buildTestApp(t);
  const {
    invitees: [early, late],
  } = meetingWithInvitees(app.db, [
    { name: 'A', email: 'a@brk.dk', tokenExpiresAt: '2027-03-01T12:00:00.000Z' },
    { name: 'B', email: 'b@brk.dk', tokenExpiresAt: '2027-03-02T12:00:00.000Z' },
  ]);
  const between = new Date('2027-03-02T00:00:00.000Z');
  for (let round = 0; round < 2; round++) {
    t.equal(findInviteeByAnswerToken(app.db, early.token, between), null, 'the early link has expired');
    t.equal(findInviteeByAnswerToken(app.db, late.token, between)?.invitationId, late.invitationId);
    t.equal(findInviteeByAnswerToken(app.db, late.token, between)?.invitationId, late.invitationId);
    t.equal(findInviteeByAnswerToken(app.db, early.token, between), null);
  }
});

t.test("a meeting's answer pages word its time and deadline in each invitee's language", async (t) => {
  const { app } = await buildTestApp(t);
  const {
    invitees: [danish, english],
  } = meetingWithInvitees(app.db, [
    { name: 'A', email: 'a@brk.dk' },
    { name: 'B', email: 'b@brk.dk', language: 'en' },
  ]);
  const view = async (token: string) =>
    (await app.inject({ url: `/rsvp/${token}`, headers: { accept: 'application/json' } })).json();
  // read alternately: the facts kept for one language are not the other's
  for (let round = 0; round < 2; round++) {
    const da = await view(danish.token);
    const en = await view(english.token);
    t.match(da.meeting.when, / kl\. /, 'Danish: "kl."');
    t.notMatch(en.meeting.when, / kl\. /, 'English: no "kl."');
    t.not(da.meeting.replyByText, en.meeting.replyByText);
    t.equal(da.meeting.replyBy, en.meeting.replyBy, 'the same deadline');
  }
});
