import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccountProgrammes,
  AccountView,
  accountView,
  createAccount,
  grantProgrammes,
  listAccounts,
  NewAccount,
} from '../accounts/accounts.ts';
import { IdParams } from '../http/common-schemas.ts';
import { Problem } from '../http/problems.ts';

const tags = ['accounts'];
const config = { access: 'admin' as const };

/** Accounts and the programmes each works in: platform admins only. */
const accounts: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/accounts',
    {
      config,
      schema: { tags, summary: 'Every account and its programmes', response: { 200: z.array(AccountView) } },
    },
    async () => listAccounts(app.db),
  );
  app.post(
    '/api/accounts',
    {
      config,
      schema: {
        tags,
        summary: 'Create an account: an admin, or a facilitator or viewer of the programmes named',
        body: NewAccount,
        response: { 201: AccountView, 400: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const created = createAccount(app.db, request.body);
      return reply.code(201).send(accountView(app.db, created.id));
    },
  );
  app.put(
    '/api/accounts/:id/programmes',
    {
      config,
      schema: {
        tags,
        summary: "Set the programmes an account works in and its role in each (replaces the account's list)",
        params: IdParams,
        body: AccountProgrammes,
        response: { 200: AccountView, 400: Problem, 404: Problem },
      },
    },
    async (request) => grantProgrammes(app.db, request.actor!, request.params.id, request.body.programmes),
  );
};
export default accounts;
