import type { FastifyInstance } from 'fastify';
import { notFound } from '../../http/problems.ts';
import { listAgreements } from '../../outcomes/agreements.ts';
import { listBarriers } from '../../outcomes/barriers.ts';
import { sentReferats } from '../../referat/referat.ts';
import { getDistrict } from '../../register/districts.ts';
import { listPeople } from '../../register/people.ts';
import type { Person } from '../../register/schemas.ts';
import { areaMeetingHistory, type DistrictMeetingLine } from '../../reports/status.ts';
import { html } from '../../text/html.ts';
import { catalogueFor, labelFor } from '../../text/messages.ts';
import { dateText, dayText } from '../components.ts';
import { pageContext, sendPage } from '../context.ts';
import { pageCatalogue, pageLanguage } from '../language.ts';
import { page } from '../layout.ts';

/** The words of the page's language: the district page's own and the record labels. */
type Words = ReturnType<typeof pageCatalogue>;

/** Contacts grouped under each role they hold; people without a role under their own heading. */
function byRole(people: Person[], { pages: { district: words } }: Words): [string, Person[]][] {
  const groups = new Map<string, Person[]>();
  for (const p of people) {
    const names = p.roles.length ? p.roles.map((r) => r.name) : [words.withoutRole];
    for (const name of names) groups.set(name, [...(groups.get(name) ?? []), p]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'da'));
}

/** Barriers and agreements of the district's area over the years, newest first. */
function outcomesOf(app: FastifyInstance, areaId: number, { labels, pages: { district: words } }: Words) {
  // the district itself is checked against the account's programmes (plugins/programme-access.ts)
  const barriers = listBarriers(app.db, { areaId, limit: 500, offset: 0 }, null).items;
  const agreements = listAgreements(app.db, { areaId, limit: 500, offset: 0 }, null).items;
  return html`<section aria-labelledby="barrierer">
      <h2 id="barrierer">${words.barriers}</h2>
      ${
        barriers.length
          ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.barriers}">
          <table class="table table--compact" id="district-barriers"><thead><tr><th scope="col">${words.raised}</th><th scope="col">${words.kind}</th><th scope="col">${words.description}</th><th scope="col">${words.status}</th></tr></thead>
          <tbody>${barriers.map(
            (
              b,
            ) => html`<tr><td>${dayText(b.raisedOn)}</td><td>${labelFor(labels.barrierCategory, b.category)}</td><td>${b.description}</td>
              <td>${labels.barrierStatus[b.status]}${b.resolvedOn ? html` (${dayText(b.resolvedOn)})` : ''}</td></tr>`,
          )}</tbody></table></div>`
          : html`<p>${words.noBarriers}</p>`
      }
    </section>
    <section aria-labelledby="aftaler">
      <h2 id="aftaler">${words.agreements}</h2>
      ${
        agreements.length
          ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.agreements}">
          <table class="table table--compact" id="district-agreements"><thead><tr><th scope="col">${words.agreed}</th><th scope="col">${words.title}</th><th scope="col">${words.kind}</th><th scope="col">${words.status}</th><th scope="col">${words.takenUpAgain}</th></tr></thead>
          <tbody>${agreements.map(
            (
              a,
            ) => html`<tr><td>${dayText(a.agreedOn)}</td><td><a href="/aftaler/${a.id}">${a.title}</a></td><td>${labelFor(labels.agreementType, a.type)}</td>
              <td>${labels.agreementStatus[a.status]}</td><td>${dayText(a.reviewOn)}</td></tr>`,
          )}</tbody></table></div>`
          : html`<p>${words.noAgreements}</p>`
      }
    </section>`;
}

function contactsSection(groups: [string, Person[]][], { pages: { district: words } }: Words) {
  return html`<section aria-labelledby="kontakter">
        <h2 id="kontakter">${words.contactsByRole}</h2>
        ${
          groups.length
            ? groups.map(
                ([role, list]) => html`<h3>${role}</h3>
                <div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${role}">
                <table class="table table--compact"><thead><tr><th scope="col">${words.name}</th><th scope="col">${words.organisation}</th><th scope="col">${words.email}</th><th scope="col">${words.phone}</th></tr></thead>
                <tbody>${list.map(
                  (
                    p,
                  ) => html`<tr><td><a href="/personer/${p.id}">${p.name}</a>${p.isFixedContact ? words.fixedContact : ''}</td>
                    <td>${p.organisation.name}</td><td><a href="mailto:${p.email}">${p.email}</a></td><td>${p.phone ?? '–'}</td></tr>`,
                )}</tbody></table></div>`,
              )
            : html`<p>${words.noContacts} <a href="/personer/ny">${words.createAPerson}</a> ${words.or} <a href="/personer/import">${words.importAList}</a>.</p>`
        }
      </section>`;
}

function meetingsSection(
  meetings: DistrictMeetingLine[],
  areaId: number,
  editor: boolean,
  { labels, pages: { district: words } }: Words,
) {
  return html`<section aria-labelledby="moeder">
        <h2 id="moeder">${words.meetings}</h2>
        ${
          meetings.length
            ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label="${words.meetings}">
              <table class="table table--compact"><thead><tr><th scope="col">${words.year}</th><th scope="col">${words.date}</th><th scope="col">${words.status}</th><th scope="col">${words.place}</th><th scope="col">${words.participants}</th></tr></thead>
              <tbody>${meetings.map(
                (
                  m,
                ) => html`<tr><td>${m.year ?? '–'}</td><td><a href="/moeder/${m.id}">${dateText(m.startsAt)}</a></td>
                  <td>${labelFor(labels.meetingStatus, m.status)}</td><td>${m.venueName ?? '–'}</td><td>${words.acceptedOf(m.accepted, m.invited)}</td></tr>`,
              )}</tbody></table></div>`
            : html`<p>${words.noMeetings}</p>`
        }
        ${editor ? html`<p><a href="/moeder/nyt?omraade=${areaId}">${words.newExtraMeeting}</a></p>` : ''}
      </section>`;
}

/** The referats sent after the area's meetings, newest first, each readable in place and as PDF or Word. */
function referatsSection(app: FastifyInstance, areaId: number) {
  const w = catalogueFor('da').referat.page;
  const referats = sentReferats(app.db, areaId);
  return html`<section aria-labelledby="referater">
      <h2 id="referater">${w.districtReferats}</h2>
      ${
        referats.length
          ? html`<ul id="district-referats">${referats.map(
              (
                r,
              ) => html`<li><a href="/moeder/${r.meetingId}#referat">${dateText(r.startsAt)} – ${r.title}</a>
              (<a href="/moeder/${r.meetingId}/referat.pdf">PDF</a>, <a href="/moeder/${r.meetingId}/referat.docx">Word</a>)
              <details class="details"><summary class="details-summary">${w.referat}</summary><div class="details-text"><pre class="referat-text">${r.text}</pre></div></details></li>`,
            )}</ul>`
          : html`<p>${w.noDistrictReferats}</p>`
      }
    </section>`;
}

/** The mapping of this year and of the years the area met, and the follow-up list. */
function mappingLinks(code: string, meetings: DistrictMeetingLine[]) {
  const w = catalogueFor('da').referat;
  const years = [
    ...new Set([new Date().getFullYear(), ...meetings.map((m) => m.year).filter((y): y is number => !!y)]),
  ].sort((a, b) => b - a);
  return html`<p>${years.map((y, i) => html`${i ? ' · ' : ''}<a href="/kredse/${code}/kortlaegning/${y}">${w.mappingPage.link(y)}</a>`)} · <a href="/opfoelgning">${w.followUps.title}</a></p>`;
}

export default async function districtPages(app: FastifyInstance) {
  app.get('/kredse/:code', { config: { access: 'authenticated' } }, async (request, reply) => {
    const text = pageCatalogue(request);
    const words = text.pages.district;
    const { code } = request.params as { code: string };
    const district = getDistrict(app.db, code);
    if (!district) throw notFound('Politikreds', code);
    // the district is one of the account's programmes' (programme-access.ts); its people are shown in
    // full, as they take part in it
    const people = listPeople(app.db, { district: code, limit: 500, offset: 0 }, null).items;
    const meetings = areaMeetingHistory(app.db, district.areaId);
    const groups = byRole(people, text);

    const aar = Number((request.query as { aar?: string }).aar);
    const yearInView = Number.isInteger(aar) && aar >= 2000 && aar <= 2100 ? aar : null;
    const body = html`<h1>${district.name}</h1>
      ${district.headquarters ? html`<p class="font-lead">${words.headquarters(district.headquarters)}</p>` : ''}
      <div class="row">
        <section class="col-12 col-lg-6" aria-labelledby="kommuner">
          <h2 id="kommuner">${words.municipalities(district.municipalities.length)}</h2>
          <ul>${district.municipalities.map((m) => html`<li>${m.name} <span class="small-text">(${m.code})</span></li>`)}</ul>
        </section>
        <section class="col-12 col-lg-6" aria-labelledby="boernehus">
          <h2 id="boernehus">${words.childrensHouse}</h2>
          ${
            district.childrensHouses.length
              ? html`<ul>${district.childrensHouses.map((h) => html`<li>${h.name}${h.address ? html`, ${h.address}` : ''}</li>`)}</ul>`
              : html`<p>${words.noChildrensHouse}</p>`
          }
        </section>
      </div>
      ${contactsSection(groups, text)}
      ${meetingsSection(meetings, district.areaId, request.actor?.role !== 'viewer', text)}
      ${mappingLinks(code, meetings)}
      ${referatsSection(app, district.areaId)}
      ${outcomesOf(app, district.areaId, text)}`;
    return sendPage(
      reply,
      page(pageContext(request), {
        title: district.name,
        section: 'overview',
        body,
        lang: pageLanguage(request),
        // back to the year the facilitator came from, not always this year's overview
        breadcrumbs: [
          yearInView
            ? { href: `/aar/${yearInView}`, text: words.overviewOf(yearInView) }
            : { href: '/', text: words.overview },
        ],
      }),
    );
  });
}
