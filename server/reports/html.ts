import { clockLabel, dayDate } from '../text/dates.ts';
import { escapeHtml } from '../text/html.ts';
import type { Language } from '../text/language.ts';
import { catalogueFor } from '../text/messages.ts';
import { formatShare } from '../text/numbers.ts';
import type {
  AgreementLine,
  AgreementsReport,
  DistrictSection,
  NationalReport,
  ReportSession,
  SectionAgreements,
} from './data.ts';
import { evaluationParts } from './district-evaluation.ts';
import { type ChartBar, type ModelSection, modelSections, nationalWordsOf } from './national-sections.ts';
import type { AgreementTableRow } from './queries.ts';
import { type ProgrammeReportWords, wordsOf } from './words.ts';
import { onceEach } from './writing.ts';

/** Every text from the database passes through here (missing values print nothing): nothing a user typed becomes markup. */
const escapeCell = (value: unknown): string => escapeHtml(String(value ?? ''));

const STYLE = `
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;margin:2em;color:#111}
h1{font-size:20pt}h2{font-size:15pt;margin-top:1.5em;border-bottom:1px solid #999}h3{font-size:12pt}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eee}tr.total td{font-weight:bold}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:bold}
section.district{page-break-before:always}section.district:first-of-type{page-break-before:auto}
@media print{body{margin:0}a{color:inherit;text-decoration:none}thead{display:table-header-group}}`;

function* page(title: string, lang: Language): Generator<string> {
  yield `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeCell(title)}</title>`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>`;
  yield `<h1>${escapeCell(title)}</h1>`;
}

const row = (cells: unknown[], tag: 'td' | 'th' = 'td', cls?: string) =>
  `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c) => `<${tag}>${escapeCell(c)}</${tag}>`).join('')}</tr>`;
const tableHead = (cells: string[]) => `<table><thead>${row(cells, 'th')}</thead><tbody>`;

/** A meeting held as sessions: one line per session and the meeting's sums. */
function* sessionsPart(sessions: ReportSession[], lang: Language): Generator<string> {
  const w = catalogueFor(lang).sessions.meetingPage;
  yield `<h4>${escapeCell(w.heading)}</h4>`;
  yield tableHead([w.when, w.where, w.accepted, w.capacity, w.waiting, w.attended]);
  for (const s of sessions)
    yield row([
      `${dayDate(s.startsAt, lang)} ${clockLabel(s.startsAt, lang)}–${clockLabel(s.endsAt, lang)}`,
      [s.venueName, s.venueAddress].filter(Boolean).join(', '),
      s.accepted,
      s.capacity,
      s.waiting,
      s.attended,
    ]);
  const sum = (k: 'accepted' | 'capacity' | 'waiting' | 'attended') => sessions.reduce((n, s) => n + s[k], 0);
  yield row([w.total, '', sum('accepted'), sum('capacity'), sum('waiting'), sum('attended')], 'td', 'total');
  yield '</tbody></table>';
}

function* meetingPart(s: DistrictSection, lang: Language, w: ProgrammeReportWords): Generator<string> {
  yield `<h3>${escapeCell(w.meeting)}</h3>`;
  const m = s.meeting;
  if (!m) {
    yield `<p>${escapeCell(w.noMeeting)}</p>`;
    return;
  }
  const f = m.figures;
  const dl: [string, string][] = [
    [w.date, `${dayDate(m.startsAt, lang)} ${clockLabel(m.startsAt, lang)}`],
    [w.venue, [m.venueName, m.venueAddress].filter(Boolean).join(', ')],
    [w.people, String(f.people)],
    [
      w.organisationsRepresented,
      `${f.memberOrganisationsRepresented} / ${f.memberOrganisations} (${formatShare(f.memberOrganisationsRepresented, f.memberOrganisations, lang)})`,
    ],
    [`${w.leadership} / ${w.practice}`, `${f.leadershipLevel} / ${f.practiceLevel}`],
    [`${w.police} / ${w.municipal} / ${w.otherSides}`, `${f.police} / ${f.municipal} / ${f.otherSides}`],
  ];
  yield `<dl>${dl.map(([k, v]) => `<dt>${escapeCell(k)}</dt><dd>${escapeCell(v)}</dd>`).join('')}</dl>`;
  if (m.sessions?.length) yield* sessionsPart(m.sessions, lang);
  if (m.attendees.length) {
    yield tableHead([w.name, w.organisation]);
    for (const p of m.attendees) yield row([p.name, p.organisationName]);
    yield '</tbody></table>';
  }
  if (m.referat)
    yield `<h4>${escapeCell(catalogueFor(lang).referat.page.referat)}</h4><p style="white-space:pre-wrap">${escapeCell(m.referat)}</p>`;
}

function* mappingPart(s: DistrictSection, _lang: Language, w: ProgrammeReportWords): Generator<string> {
  yield `<h3>${escapeCell(w.mapping)}</h3>`;
  if (!s.mapping) {
    yield `<p>${escapeCell(w.noMapping)}</p>`;
    return;
  }
  yield `<p><strong>${escapeCell(w.forumLevel)}:</strong> ${escapeCell(w.forumLevelName(s.mapping.forumLevel))}</p>`;
  for (const [label, items] of [
    [w.strengths, s.mapping.strengths],
    [w.challenges, s.mapping.challenges],
    [w.wishes, s.mapping.wishes],
  ] as const)
    if (items.length)
      yield `<p><strong>${escapeCell(label)}</strong></p><ul>${items.map((i) => `<li>${escapeCell(i)}</li>`).join('')}</ul>`;
  if (s.mapping.notes) yield `<p><strong>${escapeCell(w.notes)}:</strong> ${escapeCell(s.mapping.notes)}</p>`;
}

function* barriersPart(s: DistrictSection, lang: Language, w: ProgrammeReportWords): Generator<string> {
  yield `<h3>${escapeCell(w.barriers)}</h3>`;
  if (!s.barriers.length) {
    yield `<p>${escapeCell(w.noBarriers)}</p>`;
    return;
  }
  let category: string | null = null;
  for (const b of s.barriers) {
    if (b.category !== category) {
      if (category !== null) yield '</tbody></table>';
      category = b.category;
      yield `<h4>${escapeCell(w.barrierCategoryName(b.category))}</h4>`;
      yield tableHead([w.description, w.status, w.raisedOn, w.resolvedOn]);
    }
    yield row([
      b.description,
      catalogueFor(lang).labels.barrierStatus[b.status],
      dayDate(b.raisedOn, lang),
      dayDate(b.resolvedOn, lang),
    ]);
  }
  yield '</tbody></table>';
}

function* changesPart(s: DistrictSection, _lang: Language, w: ProgrammeReportWords): Generator<string> {
  const c = s.changes;
  const level = (l: typeof c.forumLevel) => (l ? w.forumLevelName(l) : '–');
  yield `<h3>${escapeCell(w.changes)}</h3><ul>`;
  yield `<li>${escapeCell(`${w.forumLevel}: ${level(c.previousForumLevel)} → ${level(c.forumLevel)}`)}</li>`;
  yield `<li>${escapeCell(`${w.attendanceChange}: ${c.previousPeople ?? '–'} → ${c.people ?? '–'}`)}</li>`;
  yield `<li>${escapeCell(`${w.newAgreements}: ${c.newAgreements}`)}</li>`;
  yield `<li>${escapeCell(`${w.newBarriers}: ${c.newBarriers}`)}</li>`;
  yield `<li>${escapeCell(`${w.barriersResolvedInYear}: ${c.barriersResolved}`)}</li></ul>`;
}

export function* agreementsHtml(
  report: AgreementsReport,
  sections: Iterable<SectionAgreements<DistrictSection, AgreementTableRow>>,
): Generator<string> {
  const lang = report.lang;
  const w = wordsOf(report);
  const { agreementStatus } = catalogueFor(lang).labels;
  // the texts that repeat on 100,000 rows (status, dates, "all municipalities") escaped once each
  const status = onceEach((key) => escapeCell(agreementStatus[key as AgreementLine['status']]));
  const date = onceEach((value) => escapeCell(dayDate(value, lang)));
  const allMunicipalities = escapeCell(w.allMunicipalities);
  yield* page(`${w.districtReportTitle} ${report.year}`, lang);
  for (const { section: s, rows } of sections) {
    yield `<section class="district"><h2>${escapeCell(s.name)}</h2>`;
    yield* meetingPart(s, lang, w);
    yield* mappingPart(s, lang, w);
    yield `<h3>${escapeCell(w.agreements)}</h3>`;
    let type: string | null = null;
    for (const r of rows) {
      if (r[0] !== type) {
        if (type !== null) yield '</tbody></table>';
        type = r[0];
        yield `<h4>${escapeCell(w.agreementTypeName(type))}</h4>`;
        yield tableHead([w.title, w.status, w.agreedOn, w.reviewOn, w.parties]);
      }
      yield `<tr><td>${escapeHtml(r[1])}</td><td>${status(r[2])}</td><td>${r[3] ? date(r[3]) : ''}</td><td>${r[4] ? date(r[4]) : ''}</td><td>${r[5] === null ? allMunicipalities : escapeHtml(r[5])}</td></tr>`;
    }
    yield type === null ? `<p>${escapeCell(w.noAgreements)}</p>` : '</tbody></table>';
    yield* barriersPart(s, lang, w);
    yield* changesPart(s, lang, w);
    for (const part of evaluationParts(s, lang))
      yield `<h3>${escapeCell(part.title)}</h3>${part.lines.map((l) => `<p>${escapeCell(l)}</p>`).join('')}`;
    yield '</section>';
  }
  yield '</body></html>\n';
}

export function* nationalHtml(report: NationalReport): Generator<string> {
  const lang = report.lang;
  const w = wordsOf(report);
  const n = nationalWordsOf(report);
  yield* page(`${w.nationalReportTitle} ${report.year}`, lang);
  yield tableHead([
    w.district,
    w.meetingHeld,
    w.people,
    n.turnoutHeader(report.programme.policeDistricts),
    w.forumLevel,
    ...w.agreementTypeKeys.map((t) => w.agreementTypeName(t)),
    w.agreementsInForce,
    w.openBarriers,
    w.resolvedBarriers,
  ]);
  for (const r of report.rows)
    yield row([
      r.name,
      r.meetingState === 'held' ? dayDate(r.meetingDate, lang) : n.state(r.meetingState, w),
      r.people,
      n.ofTotal(r.municipalitiesRepresented, r.municipalities, n.memberWord),
      r.forumLevel ? w.forumLevelName(r.forumLevel) : '–',
      ...w.agreementTypeKeys.map((t) => r.inForceByType[t]),
      r.inForce,
      r.openBarriers,
      r.resolvedBarriers,
    ]);
  const t = report.totals;
  yield row(
    [
      w.total,
      `${t.meetingsHeld} / ${report.rows.length}`,
      t.people,
      n.ofTotal(t.municipalitiesRepresented, t.municipalities, n.memberWord),
      '',
      ...w.agreementTypeKeys.map((ty) => t.inForceByType[ty]),
      t.inForce,
      t.openBarriers,
      t.resolvedBarriers,
    ],
    'td',
    'total',
  );
  yield '</tbody></table>';
  yield `<h2>${escapeCell(`${w.change} ${report.year - 1} → ${report.year}`)}</h2>`;
  yield tableHead([w.district, w.meetingHeld, w.people, w.agreementsInForce, w.openBarriers]);
  const previous = new Map(report.previous.rows.map((r) => [r.areaId, r]));
  for (const r of report.rows) {
    const p = previous.get(r.areaId);
    yield row([
      r.name,
      `${n.state(p?.meetingState ?? 'notHeld', w)} → ${n.state(r.meetingState, w)}`,
      `${p?.people ?? 0} → ${r.people}`,
      `${p?.inForce ?? 0} → ${r.inForce}`,
      `${p?.openBarriers ?? 0} → ${r.openBarriers}`,
    ]);
  }
  yield '</tbody></table>';
  for (const section of modelSections(report)) yield* sectionHtml(section, report.year);
  yield '</body></html>\n';
}

/** A horizontal bar chart in SVG: this year's bar, last year's thinner and lighter beneath it. */
function barChart(bars: ChartBar[], year: number): string {
  const max = Math.max(1, ...bars.flatMap((b) => [b.value, b.previous]));
  const label = 220;
  const width = 360;
  const rowHeight = 26;
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight;
      const now = (b.value / max) * width;
      const before = (b.previous / max) * width;
      return `<text x="0" y="${y + 12}" font-size="11">${escapeCell(b.label)}</text>
<rect x="${label}" y="${y + 2}" width="${now.toFixed(1)}" height="11" fill="#1f5fa8"><title>${year}: ${b.value}</title></rect>
<text x="${label + now + 4}" y="${y + 12}" font-size="10">${b.value}</text>
<rect x="${label}" y="${y + 15}" width="${before.toFixed(1)}" height="6" fill="#9bb8dc"><title>${year - 1}: ${b.previous}</title></rect>`;
    })
    .join('\n');
  const height = bars.length * rowHeight;
  return `<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="${label + width + 40}" height="${height}" viewBox="0 0 ${label + width + 40} ${height}">${rows}</svg>`;
}

function* sectionHtml(section: ModelSection, year: number): Generator<string> {
  yield `<h2>${escapeCell(section.title)}</h2>`;
  if (section.chart?.length) yield barChart(section.chart, year);
  if (section.rows.length) {
    yield tableHead(section.header);
    for (const r of section.rows) yield row(r);
    yield '</tbody></table>';
  }
  for (const note of section.notes ?? []) yield `<p>${escapeCell(note)}</p>`;
}
