import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mayAccessRecord, scopeParam } from '../accounts/access.ts';
import { listAgreements, meetingAgreement } from '../dates/agreements.ts';
import { acceptCounterProposal, rejectCounterProposal } from '../dates/decisions.ts';
import { noContactRefusal, proposeCycleDates, proposeDate } from '../dates/proposals.ts';
import { sendSaveTheDate } from '../dates/save-the-date.ts';
import {
  DateAgreement,
  DateAgreementQuery,
  DateAgreementSummary,
  ProposalParams,
  ProposalReport,
  ProposalsReport,
  SaveTheDateReport,
  SendProposalsInput,
} from '../dates/schemas.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { RuleViolationSchema } from '../planning/schemas.ts';

const tags = ['dates'];
const RuleConflict = Problem.extend({ violations: z.array(RuleViolationSchema).optional() });

/** Agreeing meetings' dates with the districts and hosts, and the save-the-date (the facilitator's side). */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const dateAgreements: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/date-agreements',
    {
      schema: {
        tags,
        summary:
          'Every meeting (not cancelled) and whether its date is agreed: unproposed, proposed, countered, confirmed',
        querystring: DateAgreementQuery,
        response: { 200: z.array(DateAgreementSummary), 400: Problem },
      },
    },
    async (request) => listAgreements(app.db, request.query, scopeParam(request.actor)),
  );

  app.post(
    '/api/date-agreements/proposals',
    {
      schema: {
        tags,
        summary:
          "Propose the date of every planned meeting of a year not yet proposed to its district's and host's fixed contacts",
        body: SendProposalsInput,
        response: { 200: ProposalsReport, 400: Problem },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const meetings = proposeCycleDates(
        app.db,
        app.config,
        actor,
        request.body.year,
        request.body.areaKind,
        (id) => mayAccessRecord(app.db, actor, 'meeting', id, 'write'),
      );
      return { meetings };
    },
  );

  app.get(
    '/api/meetings/:id/date-agreement',
    {
      schema: {
        tags,
        summary: "The meeting's date agreement: its state and every proposal with each contact's answer",
        params: IdParams,
        response: { 200: DateAgreement, 404: Problem },
      },
    },
    async (request) => meetingAgreement(app.db, request.params.id),
  );

  app.post(
    '/api/meetings/:id/date-proposals',
    {
      schema: {
        tags,
        summary: "Propose (or propose again) the meeting's date to its district's and host's fixed contacts",
        params: IdParams,
        response: { 200: ProposalReport, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const report = proposeDate(app.db, app.config, request.actor!, request.params.id);
      if (report.withoutContact) throw noContactRefusal(request.params.id);
      return report;
    },
  );

  app.post(
    '/api/meetings/:id/date-proposals/:proposalId/accept',
    {
      schema: {
        tags,
        summary:
          "Accept a contact's counter-proposal: the meeting moves there and the new date goes to every contact",
        params: ProposalParams,
        response: { 200: ProposalReport, 404: Problem, 409: RuleConflict },
      },
    },
    async (request) => {
      const { id, proposalId } = request.params;
      return acceptCounterProposal(app.db, app.config, request.actor!, app.planning, id, proposalId);
    },
  );

  app.post(
    '/api/meetings/:id/date-proposals/:proposalId/reject',
    {
      schema: {
        tags,
        summary: "Reject a contact's counter-proposal: the proposed date stands",
        params: ProposalParams,
        response: { 200: DateAgreement, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      rejectCounterProposal(app.db, request.actor!, request.params.id, request.params.proposalId);
      return meetingAgreement(app.db, request.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/save-the-date',
    {
      schema: {
        tags,
        summary:
          "Send a confirmed meeting's date to its audience as a calendar entry; the invitation later updates it (same UID, higher SEQUENCE)",
        params: IdParams,
        response: { 200: SaveTheDateReport, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      return sendSaveTheDate(app.db, app.config, request.actor!, request.params.id);
    },
  );
};
export default dateAgreements;
