import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { askAgainAfterChange } from '../answers/reconfirm.ts';
import { fillPlacesAfterChange } from '../answers/waiting-list.ts';
import type { Config } from '../config.ts';
import { forgetAgreementAfterChange } from '../dates/proposals.ts';
import { queueMeetingChangeNotices } from '../invitations/meeting-change-notices.ts';
import { cancelSeatsWithMeeting } from '../meeting-sessions/seats.ts';
import { createDraftAgenda } from '../outcomes/agenda.ts';
import { type PlanningContext, planningContext } from '../planning/context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one planning context: the API, the pages and the command line move meetings through it. */
    planning: PlanningContext;
  }
}

/**
 * Planning's context with every reacting side subscribed: a new time asks invitees to answer again
 * (answering), invitees' calendars follow a move or a cancellation (sending), a raised capacity lets the waiting list in (answering), and a new
 * meeting gets a draft agenda (outcomes).
 */
export function wiredPlanningContext(config: Pick<Config, 'PUBLIC_URL' | 'MAIL_FROM'>): PlanningContext {
  const planning = planningContext(config.PUBLIC_URL);
  // first: a new time asks everyone again, so the update's ATTENDEE lines say NEEDS-ACTION
  planning.changes.onChanged(askAgainAfterChange);
  planning.changes.onChanged((db, change) => {
    queueMeetingChangeNotices(db, config, change);
  });
  planning.changes.onChanged(fillPlacesAfterChange);
  // a date agreed (or being asked about) no longer holds once the meeting moves
  planning.changes.onChanged(forgetAgreementAfterChange);
  // a meeting held as sessions: each participant's own calendar entry follows a cancellation
  planning.changes.onChanged((db, change) => {
    cancelSeatsWithMeeting(db, config, change);
  });
  planning.changes.onCreated((db, meetingId) => {
    createDraftAgenda(db, meetingId);
  });
  return planning;
}

/** Decorates `app.planning`; mail a change queues wakes the sender by itself (deliverWhenQueued). */
export default fp(
  async function meetingChangeWiring(app: FastifyInstance) {
    app.decorate('planning', wiredPlanningContext(app.config));
  },
  { name: 'meeting-change-wiring', dependencies: ['database'] },
);
