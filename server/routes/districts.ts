import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, Problem } from '../http/problems.ts';
import { sendJson } from '../http/read-cache.ts';
import { serializerFor } from '../http/serializer.ts';
import { getDistrict, listDistricts, listMunicipalities } from '../register/districts.ts';
import { District, DistrictSummary, Municipality } from '../register/schemas.ts';

const serializeDistrict = serializerFor(District);

const DistrictCode = z.strictObject({ code: z.string().regex(/^\d{1,10}$/, 'a numeric district code') });

/** The public part of the register: district and municipality names are no secret. */
// Long only because it registers each of the resource's routes; every handler is a line or two.
const districts: FastifyPluginAsyncZod = async (app) => {
  const publicRead = { access: 'public' as const };

  app.get(
    '/api/districts',
    {
      config: publicRead,
      schema: {
        tags: ['register'],
        summary: 'The police districts',
        security: [],
        response: { 200: z.array(DistrictSummary) },
      },
    },
    async () => listDistricts(app.db),
  );

  app.get(
    '/api/districts/:code',
    {
      config: publicRead,
      schema: {
        tags: ['register'],
        summary: "A police district with its municipalities and children's houses",
        security: [],
        params: DistrictCode,
        response: { 200: District, 404: Problem },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const json = app.readCache.json(
        `district:${code}`,
        () => {
          const district = getDistrict(app.db, code);
          if (!district) throw notFound('District', code);
          return district;
        },
        serializeDistrict,
      );
      return sendJson(reply, json);
    },
  );

  app.get(
    '/api/municipalities',
    {
      config: publicRead,
      schema: {
        tags: ['register'],
        summary: 'Municipalities, optionally of one police district',
        security: [],
        querystring: z.strictObject({
          district: z
            .string()
            .regex(/^\d{1,10}$/)
            .optional(),
        }),
        response: { 200: z.array(Municipality) },
      },
    },
    async (request) => {
      const { district } = request.query;
      if (district && !getDistrict(app.db, district)) throw notFound('District', district);
      return listMunicipalities(app.db, district);
    },
  );
};
export default districts;
