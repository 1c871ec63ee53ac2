import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';
import { acceptFileUploads } from '../http/uploads.ts';
import {
  deleteMaterial,
  listMaterials,
  type MaterialRow,
  materialFile,
  materialOfAnswerLink,
  saveMaterial,
} from '../materials/materials.ts';
import { MaterialRefused } from '../materials/refusals.ts';
import { Material, MaterialLinkParams, MaterialList, MaterialParams } from '../materials/schemas.ts';

const tags = ['materials'];
const FileBody = z.unknown().describe('The file as it was uploaded, with its type and name');

const toMaterial = ({ storedName: _s, ...m }: MaterialRow) => m;

/** The file as a download: its own type and name (RFC 6266), never shown inline. */
function sendFile(reply: FastifyReply, file: { material: MaterialRow; path: string }) {
  const { material } = file;
  const ascii = material.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .type(material.contentType)
    .header('content-length', material.size)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(material.filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(file.path));
}

/** A meeting's materials: uploaded by facilitators, read by accounts with access and by invitees' links. */
const materials: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:id/materials',
    { schema: { tags, params: IdParams, response: { 200: MaterialList, 404: Problem } } },
    async (request) => listMaterials(app.db, request.params.id).map(toMaterial),
  );
  // the one route of the API that takes a file: multipart in a scope of its own
  app.register(async (uploads) => {
    await acceptFileUploads(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post(
      '/api/meetings/:id/materials',
      {
        schema: {
          tags,
          summary:
            'Uploads one file (multipart/form-data, field "file"): pdf, docx, pptx, xlsx, png, jpg or txt',
          params: IdParams,
          response: { 201: Material, 400: Problem, 404: Problem, 413: Problem, 415: Problem },
        },
      },
      async (request, reply) => {
        const file = request.isMultipart() ? await request.file() : undefined;
        if (!file) throw new MaterialRefused({ kind: 'noFile' });
        const saved = await saveMaterial(app.db, app.config, request.actor!, request.params.id, file);
        return reply.code(201).send(toMaterial(saved));
      },
    );
  });
  app.get(
    '/api/meetings/:id/materials/:materialId',
    { schema: { tags, params: MaterialParams, response: { 200: FileBody, 404: Problem } } },
    async (request, reply) =>
      sendFile(reply, materialFile(app.db, app.config, request.params.id, request.params.materialId)),
  );
  app.delete(
    '/api/meetings/:id/materials/:materialId',
    { schema: { tags, params: MaterialParams, response: { 204: z.void(), 404: Problem } } },
    async (request, reply) => {
      deleteMaterial(app.db, app.config, request.actor!, request.params.id, request.params.materialId);
      return reply.code(204).send();
    },
  );
  app.get(
    '/rsvp/:token/materialer/:materialId',
    {
      config: { access: 'public', rateLimit: { max: app.config.RSVP_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: "A material of the meeting an answer link invites to (the invitee's download)",
        params: MaterialLinkParams,
        response: { 200: FileBody, 404: Problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return sendFile(
        reply,
        materialOfAnswerLink(app.db, app.config, request.params.token, request.params.materialId),
      );
    },
  );
};
export default materials;
