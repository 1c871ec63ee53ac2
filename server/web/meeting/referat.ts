import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor, csrfTokenMatches, SESSION_COOKIE } from '../../accounts/sessions.ts';
import { WebRefusal } from '../../http/problems.ts';
import { acceptFileUploads } from '../../http/uploads.ts';
import {
  deleteMaterial,
  listMaterials,
  materialExtensions,
  materialFile,
  saveMaterial,
} from '../../materials/materials.ts';
import { MaterialRefused } from '../../materials/refusals.ts';
import type { Meeting } from '../../planning/schemas.ts';
import {
  approveReferat,
  draftReferat,
  getReferat,
  referatFile,
  saveReferat,
  sendReferat,
} from '../../referat/referat.ts';
import { ReferatAction, SaveReferat } from '../../referat/schemas.ts';
import { html, type SafeHtml } from '../../text/html.ts';
import type { Language } from '../../text/language.ts';
import { catalogueFor } from '../../text/messages.ts';
import { dateTimeText, textArea } from '../components.ts';
import { type FormBody, field } from '../context.ts';
import { pageLanguage } from '../language.ts';
import { csrfField, type PageContext } from '../layout.ts';
import {
  type MeetingPageRenderer,
  type MeetingSection,
  meetingIdOf,
  type SectionNotice,
  showRefusal,
} from './common.ts';

const wordsOf = (lang: Language | undefined) => catalogueFor(lang ?? 'da').referat.page;

/** The messages of this part's saves (?besked=…), and the heading each lands under. */
export const referatNotices = (lang: Language | undefined): Record<string, string> => {
  const n = wordsOf(lang).notices;
  return {
    referatgemt: n.saved,
    referatgodkendt: n.approved,
    referatsendt: n.sent,
    materialelagtop: n.uploaded,
    materialefjernet: n.removed,
  };
};
export const referatNoticeHeadings: Record<string, string> = {
  referatgemt: 'referat',
  referatgodkendt: 'referat',
  referatsendt: 'referat',
  materialelagtop: 'materialer',
  materialefjernet: 'materialer',
};

function referatSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const w = wordsOf(ctx.lang);
  if (m.status === 'cancelled') return html``;
  const { current, versions } = getReferat(app.db, m.id);
  const status = current
    ? html`<p id="referat-status">${w.versionLine(current.version, current.author, '')}${dateTimeText(current.createdAt)}.
      ${current.approvedAt ? html`${w.approvedLine(current.approvedBy ?? '', '')}${dateTimeText(current.approvedAt)}` : w.notApproved}
      ${current.sentAt ? html`<br>${w.sentLine(current.sentTo ?? 0, '')}${dateTimeText(current.sentAt)}` : ''}</p>
      <p><a href="/moeder/${m.id}/referat.pdf">${w.pdf}</a> · <a href="/moeder/${m.id}/referat.docx">${w.docx}</a></p>`
    : html`<p>${w.noReferat}</p>`;
  const version = current?.version ?? 0;
  const actions =
    editor && current && !current.sentAt
      ? html`<div class="mt-4">${
          current.approvedAt
            ? ''
            : html`<form method="post" action="/moeder/${m.id}/referat/godkend" class="d-inline">${csrfField(ctx)}
          <input type="hidden" name="version" value="${version}"><button type="submit" class="button button-secondary">${w.approve}</button></form> `
        }<form method="post" action="/moeder/${m.id}/referat/send" class="d-inline">${csrfField(ctx)}
          <input type="hidden" name="version" value="${version}"><button type="submit" class="button button-primary" data-confirm="${w.sendConfirm}">${w.send}</button></form></div>`
      : '';
  const earlier = versions.slice(1);
  return html`<section aria-labelledby="referat"><h2 id="referat">${w.referat}</h2>
    ${notice('referat')}
    ${status}
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/referat" novalidate>${csrfField(ctx)}
      <input type="hidden" name="version" value="${version}">
      ${textArea({ pageLang: ctx.lang, id: 'referatText', name: 'text', label: w.text, rows: 18, value: current?.text ?? draftReferat(app.db, m.id) })}
      <button type="submit" class="button button-secondary">${w.saveDraft}</button></form>`
        : current
          ? html`<pre class="referat-text">${current.text}</pre>`
          : ''
    }
    ${actions}
    ${
      earlier.length
        ? html`<details class="details mt-4"><summary class="details-summary">${w.versions}</summary><div class="details-text"><ul>${earlier.map(
            (v) =>
              html`<li>${w.versionLine(v.version, v.author, '')}${dateTimeText(v.createdAt)}${v.approvedAt ? html` – ${w.approvedLine(v.approvedBy ?? '', '')}${dateTimeText(v.approvedAt)}` : ''}${v.sentAt ? html` – ${w.sentLine(v.sentTo ?? 0, '')}${dateTimeText(v.sentAt)}` : ''}</li>`,
          )}</ul></div></details>`
        : ''
    }</section>`;
}

function materialsSection(
  app: FastifyInstance,
  ctx: PageContext,
  m: Meeting,
  editor: boolean,
  notice: SectionNotice,
): SafeHtml {
  const w = wordsOf(ctx.lang);
  const files = listMaterials(app.db, m.id);
  const mb = Math.round(app.config.MATERIALS_MAX_BYTES / (1024 * 1024));
  return html`<section aria-labelledby="materialer"><h2 id="materialer">${w.materials}</h2>
    ${notice('materialer')}
    ${
      files.length
        ? html`<ul id="materials">${files.map(
            (
              f,
            ) => html`<li><a href="/moeder/${m.id}/materialer/${f.id}">${f.filename}</a> <span class="small-text">(${Math.max(1, Math.round(f.size / 1024))} kB)</span>
            ${editor ? html`<form method="post" action="/moeder/${m.id}/materialer/${f.id}/fjern" class="d-inline">${csrfField(ctx)}<button type="submit" class="button button-tertiary">${w.remove}<span class="sr-only"> ${f.filename}</span></button></form>` : ''}</li>`,
          )}</ul>`
        : html`<p>${w.noMaterials}</p>`
    }
    ${
      editor
        ? html`<form method="post" action="/moeder/${m.id}/materialer" enctype="multipart/form-data">${csrfField(ctx)}
      <div class="form-group"><label class="form-label" for="materialFile">${w.file}</label>
      <span class="form-hint" id="materialFile-hint">${w.fileHint(materialExtensions.join(', '), mb)}</span>
      <input type="file" id="materialFile" name="file" class="form-input" aria-describedby="materialFile-hint" accept="${materialExtensions.map((e) => `.${e}`).join(',')}"></div>
      <button type="submit" class="button button-secondary">${w.upload}</button></form>`
        : ''
    }</section>`;
}

export const referatSections: MeetingSection[] = [
  { id: 'referat', label: (lang) => wordsOf(lang).referat, render: referatSection },
  { id: 'materialer', label: (lang) => wordsOf(lang).materials, render: materialsSection },
];

type Failed = keyof ReturnType<typeof wordsOf>['failed'];

/** Save, then land on the part saved with its message; a refusal is shown in place, in the page's language. */
function handler(
  meetingPage: MeetingPageRenderer,
  failed: Failed,
  landing: string,
  save: (request: FastifyRequest, id: number) => Promise<unknown> | unknown,
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const id = meetingIdOf(request);
    try {
      await save(request, id);
    } catch (error) {
      return showRefusal(
        meetingPage,
        request,
        reply,
        id,
        error,
        wordsOf(pageLanguage(request)).failed[failed],
      );
    }
    return reply.redirect(`/moeder/${id}?besked=${landing}#${referatNoticeHeadings[landing]}`, 303);
  };
}

const versionOf = (request: FastifyRequest) => Number(field(request.body as FormBody, 'version'));

/** The multipart form's token, sent before the file: the page's usual check cannot read a multipart body. */
function assertFormToken(request: FastifyRequest, sent: unknown) {
  const session = request.cookies[SESSION_COOKIE];
  if (!session || !csrfTokenMatches(csrfTokenFor(session), sent))
    throw new WebRefusal(403, catalogueFor('da').refusal.formExpired);
}

async function uploadMaterial(app: FastifyInstance, request: FastifyRequest, id: number) {
  const file = request.isMultipart() ? await request.file() : undefined;
  const token = file?.fields._csrf;
  const sent = token && !Array.isArray(token) && token.type === 'field' ? token.value : undefined;
  if (!file) {
    assertFormToken(request, undefined);
    throw new MaterialRefused({ kind: 'noFile' });
  }
  try {
    assertFormToken(request, sent);
  } catch (error) {
    file.file.resume();
    throw error;
  }
  // a form sent without a chosen file has a part with no name
  if (!file.filename) {
    file.file.resume();
    throw new MaterialRefused({ kind: 'noFile' });
  }
  await saveMaterial(app.db, app.config, request.actor!, id, file);
}

/** The meeting page's referat editor and materials: save, approve, send; upload, download, remove. */
export async function referatRoutes(app: FastifyInstance, opts: { meetingPage: MeetingPageRenderer }) {
  const read = { config: { access: 'authenticated' as const } };
  const write = { config: { access: 'editor' as const } };
  const page = opts.meetingPage;
  app.post(
    '/moeder/:id/referat',
    write,
    handler(page, 'save', 'referatgemt', (request, id) =>
      saveReferat(
        app.db,
        request.actor!,
        id,
        SaveReferat.parse({ version: versionOf(request), text: field(request.body as FormBody, 'text') }),
      ),
    ),
  );
  app.post(
    '/moeder/:id/referat/godkend',
    write,
    handler(page, 'approve', 'referatgodkendt', (request, id) =>
      approveReferat(app.db, request.actor!, id, ReferatAction.parse({ version: versionOf(request) })),
    ),
  );
  app.post(
    '/moeder/:id/referat/send',
    write,
    handler(page, 'send', 'referatsendt', async (request, id) => {
      await sendReferat(
        app.db,
        app.config,
        request.actor!,
        id,
        ReferatAction.parse({ version: versionOf(request) }),
      );
    }),
  );
  for (const format of ['pdf', 'docx'] as const)
    app.get(`/moeder/:id/referat.${format}`, read, async (request, reply) => {
      const file = await referatFile(app.db, meetingIdOf(request), format);
      if (!file) throw new WebRefusal(404, catalogueFor('da').refusal.page.notFound.text);
      return reply
        .type(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        )
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    });
  // the one page that takes a file: multipart in a scope of its own
  app.register(async (uploads) => {
    await acceptFileUploads(uploads);
    uploads.post(
      '/moeder/:id/materialer',
      { config: { access: 'editor' as const, csrf: false } },
      handler(page, 'upload', 'materialelagtop', (request, id) => uploadMaterial(app, request, id)),
    );
  });
  app.get('/moeder/:id/materialer/:materialId', read, async (request, reply) => {
    const materialId = Number((request.params as { materialId: string }).materialId);
    const { material, path } = materialFile(app.db, app.config, meetingIdOf(request), materialId);
    return reply
      .type(material.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(material.filename)}`)
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path));
  });
  app.post(
    '/moeder/:id/materialer/:materialId/fjern',
    write,
    handler(page, 'remove', 'materialefjernet', (request, id) =>
      deleteMaterial(
        app.db,
        app.config,
        request.actor!,
        id,
        Number((request.params as { materialId: string }).materialId),
      ),
    ),
  );
}
