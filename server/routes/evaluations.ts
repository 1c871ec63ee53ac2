import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertProgrammeKeyAccess, assertRecordAccess } from '../accounts/access.ts';
import { answerSurvey, recipientOfLink, surveyView } from '../evaluation/answering.ts';
import { getLessons, putLessons } from '../evaluation/lessons.ts';
import { EvaluationRefused } from '../evaluation/refusals.ts';
import { meetingEvaluation, yearEvaluation } from '../evaluation/results.ts';
import {
  MeetingEvaluation,
  MeetingLessons,
  PutMeetingLessons,
  SentSurvey,
  SurveyAnswers,
  SurveyView,
  YearEvaluation,
} from '../evaluation/schemas.ts';
import { sendSurvey } from '../evaluation/surveys.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { DistrictCode, Year } from '../outcomes/schemas.ts';
import { DANISH_PROGRAMME_KEY } from '../programmes/programmes.ts';
import { CatalogueKey } from '../programmes/schemas.ts';
import { reportContext } from '../reports/data.ts';
import { languageOr, textLanguages } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { surveyNotFoundPage, surveyPage } from '../web/evaluation/survey.ts';
import { isForm, privatePage, sendHtml, wantsJson } from './rsvp.ts';

const tags = ['evaluation'];
const TokenParams = z.strictObject({ token: z.string().max(200) });
const Lang = z
  .enum(textLanguages)
  .optional()
  .describe("da, nb or en (the questions' words); Danish by default");

/** Unknown or tampered: always the same answer. */
function surveyNotFound(request: FastifyRequest, reply: FastifyReply) {
  reply.code(404);
  if (wantsJson(request))
    return reply
      .type('application/problem+json; charset=utf-8')
      .serializer(JSON.stringify)
      .send({ type: 'about:blank#not-found', title: 'Not Found', status: 404 });
  return sendHtml(reply, surveyNotFoundPage);
}

/** The evaluation survey after a held meeting: sending it, answering it by its link, its results. */
// Long only because it registers each of the resource's routes; every handler is a few lines.
const evaluations: FastifyPluginAsyncZod = async (app) => {
  const rateLimit = { max: app.config.RSVP_RATE_LIMIT, timeWindow: '1 minute' };

  app.post(
    '/api/meetings/:id/evaluation',
    {
      schema: {
        tags,
        summary: "Send the held meeting's survey to its participants (attended, else accepted); once",
        params: IdParams,
        response: { 201: SentSurvey, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const sent = sendSurvey(app.db, app.config, request.actor, request.params.id);
      return reply.code(201).send(sent);
    },
  );

  app.get(
    '/api/meetings/:id/evaluation',
    {
      schema: {
        tags,
        summary: "The meeting's survey: when sent, the response rate, and results from 5 answers on",
        params: IdParams,
        querystring: z.strictObject({ lang: Lang }),
        response: { 200: MeetingEvaluation, 404: Problem },
      },
    },
    async (request) => meetingEvaluation(app.db, request.params.id, request.query.lang ?? 'da'),
  );

  app.get(
    '/api/evaluations',
    {
      schema: {
        tags,
        summary: "A programme's year of evaluations: per area (police district) and in all",
        querystring: z.strictObject({
          year: Year,
          district: DistrictCode.optional(),
          programme: CatalogueKey.optional().describe(
            'Programme key; the Danish politikredsmøder by default',
          ),
          lang: Lang,
        }),
        response: { 200: YearEvaluation, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { programme, district, year, lang } = request.query;
      assertProgrammeKeyAccess(app.db, request.actor, programme ?? DANISH_PROGRAMME_KEY, 'read');
      if (district) assertRecordAccess(app.db, request.actor, 'district', district, 'read');
      const { scope, row, lang: reportLang } = reportContext(app.db, { programme, lang });
      return yearEvaluation(app.db, { ...scope, key: row.key }, year, reportLang, district);
    },
  );

  app.get(
    '/api/meetings/:id/lessons',
    { schema: { tags, params: IdParams, response: { 200: MeetingLessons, 404: Problem } } },
    async (request) => getLessons(app.db, request.params.id),
  );

  app.put(
    '/api/meetings/:id/lessons',
    {
      schema: {
        tags,
        summary: 'What the meeting taught (erfaringer), for the national report',
        params: IdParams,
        body: PutMeetingLessons,
        response: { 200: MeetingLessons, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => putLessons(app.db, request.actor!, request.params.id, request.body),
  );

  app.get(
    '/evaluering/:token',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'The survey page of one participant (HTML; JSON with Accept: application/json)',
        params: TokenParams,
        response: { 200: SurveyView, 404: Problem },
      },
    },
    async (request, reply) => {
      const recipient = recipientOfLink(app.db, request.params.token);
      privatePage(reply);
      if (!recipient) return surveyNotFound(request, reply);
      const view = surveyView(app.db, recipient);
      if (wantsJson(request)) return view;
      return sendHtml(reply, surveyPage(view, request.params.token));
    },
  );

  app.post(
    '/evaluering/:token',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary:
          'Answer the survey, once (form or JSON): a second answer is refused with 409 and changes nothing',
        params: TokenParams,
        body: SurveyAnswers,
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        response: { 204: z.null(), 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const recipient = recipientOfLink(app.db, request.params.token);
      privatePage(reply);
      if (!recipient) return surveyNotFound(request, reply);
      if (!isForm(request)) {
        answerSurvey(app.db, recipient, request.body);
        return reply.code(204).send(null);
      }
      const view = surveyView(app.db, recipient);
      const texts = catalogueFor(languageOr(view.language)).evaluation;
      try {
        answerSurvey(app.db, recipient, request.body);
      } catch (error) {
        if (!(error instanceof EvaluationRefused)) throw error;
        reply.code(409);
        return sendHtml(
          reply,
          surveyPage(view, request.params.token, { text: texts.refusal.alreadyAnswered, warning: true }),
        );
      }
      return sendHtml(reply, surveyPage(view, request.params.token, { text: texts.page.thanks }));
    },
  );
};
export default evaluations;
