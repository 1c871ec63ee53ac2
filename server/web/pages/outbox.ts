import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import { outboxStatuses } from '../../../db/schema/index.ts';
import { scopeParam } from '../../accounts/access.ts';
import { notFound } from '../../http/problems.ts';
import { platformAddress } from '../../invitations/queue-mail.ts';
import {
  getOutboxMessage,
  listOutbox,
  outboxCounts,
  outboxRaw,
  retryOutboxMessage,
} from '../../mail/outbox-admin.ts';
import { html } from '../../text/html.ts';
import { alert, badge, dateTimeText } from '../components.ts';
import { pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { csrfField, page } from '../layout.ts';

type Labels = ReturnType<typeof pageCatalogue>['labels'];

const PAGE_SIZE = 50;
const STATUS_BADGE = { queued: 'info', sending: 'info', sent: 'success', failed: 'error' } as const;

function statusBadge(status: keyof typeof STATUS_BADGE, labels: Labels) {
  return badge(STATUS_BADGE[status], labels.outboxStatus[status] ?? status);
}

/** GET /udbakke: every email, by state, paged */
function outboxListPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const { labels, pages: texts } = pageCatalogue(request);
    const words = texts.outbox;
    const query = request.query as { status?: string; side?: string; besked?: string };
    const status = (outboxStatuses as readonly string[]).includes(query.status ?? '')
      ? (query.status as (typeof outboxStatuses)[number])
      : undefined;
    const pageNo = Math.max(1, Number(query.side) || 1);
    const { items, total } = listOutbox(
      app.db,
      { status, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE },
      scopeParam(request.actor),
    );
    const counts = outboxCounts(app.db);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const ctx = pageContext(request);
    const editor = request.actor?.role !== 'viewer';
    const link = (n: number) =>
      `/udbakke?${new URLSearchParams({ ...(status ? { status } : {}), side: String(n) })}`;
    const body = html`<h1>${words.title}</h1>
      <p>${words.lead}</p>
      <nav aria-label="${words.filter}"><ul class="inline-list">
        <li>${status ? html`<a href="/udbakke">${words.all}</a>` : html`<strong aria-current="page">${words.all}</strong>`}</li>
        ${outboxStatuses.map(
          (s) =>
            html`<li>${s === status ? html`<strong aria-current="page">${labels.outboxStatus[s]} (${counts[s]})</strong>` : html`<a href="/udbakke?status=${s}">${labels.outboxStatus[s]} (${counts[s]})</a>`}</li>`,
        )}</ul></nav>
      ${
        items.length
          ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.tableLabel}">
        <table class="table table--zebra" id="outbox"><thead><tr><th scope="col">${words.created}</th><th scope="col">${words.to}</th><th scope="col">${words.subject}</th><th scope="col">${words.status}</th><th scope="col"><span class="sr-only">${words.actions}</span></th></tr></thead>
        <tbody>${items.map(
          (
            m,
          ) => html`<tr data-status="${m.status}"><td>${dateTimeText(m.createdAt)}</td><td>${m.toName ? html`${m.toName}<br>` : ''}<span class="small-text">${m.toAddress}</span></td>
            <td><a href="/udbakke/${m.id}">${m.subject}</a></td>
            <td>${statusBadge(m.status, labels)}${m.lastError ? html`<br><span class="small-text">${m.lastError}</span>` : ''}</td>
            <td>${
              m.status === 'failed' && editor
                ? html`<form method="post" action="/udbakke/${m.id}/igen">${csrfField(ctx)}<button type="submit" class="button button-secondary">${words.sendAgain}<span class="sr-only">${words.sendAgainTo(m.toAddress)}</span></button></form>`
                : ''
            }</td></tr>`,
        )}</tbody></table></div>`
          : html`<p>${words.none(Boolean(status))}</p>`
      }
      ${
        pages > 1
          ? html`<nav aria-label="${words.pages}" class="mt-5"><ul class="inline-list">
          ${pageNo > 1 ? html`<li><a href="${link(pageNo - 1)}">${words.newer}</a></li>` : ''}<li>${words.pageOf(pageNo, pages)}</li>
          ${pageNo < pages ? html`<li><a href="${link(pageNo + 1)}">${words.older}</a></li>` : ''}</ul></nav>`
          : ''
      }`;
    const notice = query.besked === 'igen' ? alert('success', words.queuedAgain) : undefined;
    return sendPage(
      reply,
      page(ctx, { title: words.title, section: 'outbox', body, notice, lang: pageLanguage(request) }),
    );
  };
}

/** GET /udbakke/:id: one email: its fields and its parsed source */
function outboxMessagePage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const { labels, pages: texts } = pageCatalogue(request);
    const words = texts.outbox;
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw notFound('E-mail', id);
    const m = getOutboxMessage(app.db, id);
    const raw = await outboxRaw(app.db, id, platformAddress(app.config));
    // loaded when a message is first shown, not at every start (see readMail in answers/itip-reply.ts)
    const { simpleParser } = await import('mailparser');
    const text = (await simpleParser(raw)).text ?? '';
    const ctx = pageContext(request);
    const body = html`<h1>${m.subject}</h1>
      <dl>
        <dt>${words.to}</dt><dd>${m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress}</dd>
        <dt>${words.status}</dt><dd>${statusBadge(m.status, labels)} · ${words.attempts(m.attempts)}${m.sentAt ? html` · ${words.sentAt} ${dateTimeText(m.sentAt)}` : ''}</dd>
        ${m.lastError ? html`<dt>${words.error}</dt><dd>${m.lastError}</dd>` : ''}
        <dt>${words.kind}</dt><dd>${m.kind}</dd>
        <dt>Message-ID</dt><dd><code>${m.messageId}</code></dd>
      </dl>
      ${
        m.status === 'failed' && request.actor?.role !== 'viewer'
          ? html`<form method="post" action="/udbakke/${m.id}/igen">${csrfField(ctx)}<button type="submit" class="button button-primary">${words.sendAgain}</button></form>`
          : ''
      }
      <h2>${words.text}</h2>
      <pre class="raw-message" id="message-text">${text}</pre>
      <h2>${words.raw}</h2>
      <pre class="raw-message" id="message-raw">${raw}</pre>`;
    return sendPage(
      reply,
      page(ctx, {
        title: m.subject,
        section: 'outbox',
        body,
        breadcrumbs: [{ href: '/udbakke', text: words.title }],
        lang: pageLanguage(request),
      }),
    );
  };
}

/** POST /udbakke/:id/igen: a failed email goes back in the queue */
function retryPage(app: FastifyInstance): RouteHandlerMethod {
  return async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw notFound('E-mail', id);
    retryOutboxMessage(app.db, request.actor!, id);
    return reply.redirect('/udbakke?besked=igen', 303);
  };
}

export default async function outboxPages(app: FastifyInstance) {
  const read = { config: { access: 'authenticated' as const } };

  app.get('/udbakke', read, outboxListPage(app));

  app.get('/udbakke/:id', read, outboxMessagePage(app));

  app.post('/udbakke/:id/igen', { config: { access: 'editor' } }, retryPage(app));
}
