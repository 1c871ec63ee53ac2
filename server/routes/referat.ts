import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { notFound, Problem } from '../http/problems.ts';
import {
  approveReferat,
  draftReferat,
  getReferat,
  referatFile,
  saveReferat,
  sendReferat,
} from '../referat/referat.ts';
import {
  Referat,
  ReferatAction,
  ReferatDraft,
  ReferatFormat,
  ReferatSent,
  SaveReferat,
} from '../referat/schemas.ts';

const tags = ['referat'];
const FileBody = z.unknown().describe('The referat as PDF or DOCX');
const contentTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A meeting's referat: drafted, saved in versions, approved, then sent with its PDF and DOCX. */
const referat: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/referat',
    { schema: { tags, params: IdParams, response: { 200: Referat, 404: Problem } } },
    async (request) => getReferat(app.db, request.params.id),
  );
  app.get(
    '/api/meetings/:id/referat/draft',
    {
      schema: {
        tags,
        summary: 'A referat assembled from the agenda with its minutes, attendance, barriers and agreements',
        params: IdParams,
        response: { 200: ReferatDraft, 404: Problem },
      },
    },
    async (request) => ({ text: draftReferat(app.db, request.params.id) }),
  );
  app.put(
    '/api/meetings/:id/referat',
    {
      schema: {
        tags,
        summary: 'Saves a new version of the text (unapproved)',
        params: IdParams,
        body: SaveReferat,
        response: { 200: Referat, 400: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => saveReferat(app.db, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/referat/approve',
    {
      schema: {
        tags,
        params: IdParams,
        body: ReferatAction,
        response: { 200: Referat, 404: Problem, 409: Problem },
      },
    },
    async (request) => approveReferat(app.db, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/meetings/:id/referat/send',
    {
      schema: {
        tags,
        summary:
          'Sends the approved newest version to the participants and the area’s contacts (409 before approval)',
        params: IdParams,
        body: ReferatAction,
        response: { 200: ReferatSent, 404: Problem, 409: Problem },
      },
    },
    async (request) => {
      return await sendReferat(app.db, app.config, request.actor!, request.params.id, request.body);
    },
  );
  app.get(
    '/api/meetings/:id/referat/file',
    {
      schema: {
        tags,
        summary: 'The newest version as PDF or DOCX',
        params: IdParams,
        querystring: ReferatFormat,
        response: { 200: FileBody, 404: Problem },
      },
    },
    async (request, reply) => {
      const file = await referatFile(app.db, request.params.id, request.query.format);
      if (!file) throw notFound('Referat of meeting', request.params.id);
      return reply
        .type(contentTypes[request.query.format])
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
};
export default referat;
