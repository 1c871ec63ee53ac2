import type { Db } from '../../db/client.ts';
import type { DbOrTx } from '../../db/statements.ts';
import type { Actor } from '../accounts/accounts.ts';
import { diff, recordAudit } from '../audit/audit.ts';
import { assertVersion, badRequest, notFound } from '../http/problems.ts';
import { dayDate } from '../text/dates.ts';
import { nowIso } from '../time.ts';
import { agreementById, agreementsOfArea, barrierById, barriersOfArea } from './queries/agreements.ts';
import {
  type AgendaItemRow,
  agendaItemOf,
  agendaItems,
  deleteAgendaItemRow,
  hasAgenda,
  insertAgendaItem,
  setAgendaPosition,
  themeName as themeNameOf,
  themesByLastDiscussed,
  updateAgendaItemRow,
} from './queries/meeting-outcomes.ts';
import { addDays, copenhagenDate, meetingById } from './references.ts';
import type { AgendaItem, AgendaSuggestion, CreateAgendaItem, UpdateAgendaItem } from './schemas.ts';

type ItemRow = AgendaItemRow;

function toItem({ createdAt: _c, updatedAt: _u, ...rest }: ItemRow): AgendaItem {
  return rest;
}

/** How many catalogue themes a draft agenda proposes: those the district has waited longest for. */
const DRAFT_THEMES = 3;
/** Agreements whose review date falls within this many days after the meeting come up for review. */
const REVIEW_HORIZON_DAYS = 90;

export function listAgenda(db: Db, meetingId: number): AgendaItem[] {
  meetingById(db, meetingId);
  return agendaItems(db, meetingId).map(toItem);
}

/**
 * What the meeting could discuss: the district's open barriers, its agreements due for review by
 * the meeting, and the catalogue themes the district has not discussed for longest. Items already
 * on the agenda are left out.
 */
export function agendaSuggestions(db: Db, meetingId: number): AgendaSuggestion[] {
  const meeting = meetingById(db, meetingId);
  const onAgenda = agendaItems(db, meetingId);
  const themeIds = new Set(onAgenda.map((i) => i.themeId));
  const barrierIds = new Set(onAgenda.map((i) => i.barrierId));
  const agreementIds = new Set(onAgenda.map((i) => i.agreementId));
  const suggestions: AgendaSuggestion[] = [];

  const lastDiscussed = themesByLastDiscussed(db, meeting.areaId, meetingId);
  for (const t of lastDiscussed) {
    if (themeIds.has(t.id)) continue;
    suggestions.push({
      source: 'catalogue',
      title: t.name,
      themeId: t.id,
      barrierId: null,
      agreementId: null,
      reason: t.lastAt
        ? `Temaet blev sidst drøftet i kredsen ${dayDate(t.lastAt)}`
        : 'Temaet er ikke drøftet i kredsen før',
    });
  }

  // the area's own outcomes: another area of the same convener is another forum
  const barriers = barriersOfArea(db, meeting.areaId).filter(
    (b) => b.status !== 'resolved' && !barrierIds.has(b.id),
  );
  for (const b of barriers)
    suggestions.push({
      source: 'barrier',
      title: `Opfølgning på samarbejdsbarriere: ${shorten(b.description)}`,
      themeId: null,
      barrierId: b.id,
      agreementId: null,
      reason: `Barrieren er ${b.status === 'open' ? 'åben' : 'under behandling'} siden ${dayDate(b.raisedOn)}`,
    });
  const horizon = addDays(copenhagenDate(meeting.startsAt), REVIEW_HORIZON_DAYS);
  const due = agreementsOfArea(db, meeting.areaId).filter(
    (a) =>
      a.reviewOn !== null &&
      a.reviewOn <= horizon &&
      ['agreed', 'in_force', 'under_revision'].includes(a.status) &&
      !agreementIds.has(a.id),
  );
  for (const a of due)
    suggestions.push({
      source: 'agreement',
      title: `Revision af aftale: ${a.title}`,
      themeId: null,
      barrierId: null,
      agreementId: a.id,
      reason: `Aftalen skal revideres senest ${dayDate(a.reviewOn)}`,
    });
  return suggestions;
}

function shorten(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/**
 * Fills an empty agenda with a draft: a few catalogue themes, every open barrier and every agreement
 * due for review. Planning calls it inside the transaction that creates the meeting; a meeting that
 * already has an agenda is left alone.
 */
export function createDraftAgenda(dbOrTx: DbOrTx, meetingId: number): AgendaItem[] {
  // the query builder is the same on both; raw statements find the connection through sqliteOf
  const tx = dbOrTx as Db;
  if (hasAgenda(tx, meetingId)) return listAgenda(tx, meetingId);
  const suggestions = agendaSuggestions(tx, meetingId);
  const chosen = [
    ...suggestions.filter((s) => s.source === 'catalogue').slice(0, DRAFT_THEMES),
    ...suggestions.filter((s) => s.source !== 'catalogue'),
  ];
  const now = nowIso();
  chosen.forEach((s, i) => {
    insertAgendaItem(tx, {
      meetingId,
      position: i + 1,
      themeId: s.themeId,
      title: s.title,
      source: s.source,
      barrierId: s.barrierId,
      agreementId: s.agreementId,
      createdAt: now,
      updatedAt: now,
    });
  });
  return listAgenda(tx, meetingId);
}

function findItem(db: Db, meetingId: number, itemId: number): ItemRow {
  const row = agendaItemOf(db, meetingId, itemId);
  if (!row) throw notFound('Agenda item', itemId);
  return row;
}

function themeName(db: Db, themeId: number, field: string): string {
  const name = themeNameOf(db, themeId);
  if (name === undefined)
    throw badRequest(`Theme ${themeId} does not exist`, [{ field, message: 'unknown theme' }]);
  return name;
}

/** Positions 1..n in the given order; rows already in place are not written. */
function renumber(db: Db, orderedIds: number[]): void {
  const now = nowIso();
  orderedIds.forEach((id, i) => {
    setAgendaPosition(db, id, i + 1, now);
  });
}

export function createAgendaItem(
  db: Db,
  actor: Actor,
  meetingId: number,
  input: CreateAgendaItem,
): AgendaItem {
  return db.transaction(() => {
    const meeting = meetingById(db, meetingId);
    const title = input.title ?? themeName(db, input.themeId!, 'body.themeId');
    if (input.themeId != null) themeName(db, input.themeId, 'body.themeId');
    if (input.barrierId != null) {
      const b = barrierById(db, input.barrierId);
      if (!b || b.areaId !== meeting.areaId)
        throw badRequest('Unknown barrier', [
          { field: 'body.barrierId', message: 'no such barrier in the district' },
        ]);
    }
    if (input.agreementId != null) {
      const a = agreementById(db, input.agreementId);
      if (!a || a.areaId !== meeting.areaId)
        throw badRequest('Unknown agreement', [
          { field: 'body.agreementId', message: 'no such agreement in the district' },
        ]);
    }
    const order = listAgenda(db, meetingId).map((i) => i.id);
    const now = nowIso();
    const row = insertAgendaItem(db, {
      meetingId,
      position: order.length + 1,
      themeId: input.themeId ?? null,
      title,
      presenter: input.presenter ?? null,
      durationMinutes: input.durationMinutes ?? null,
      minutes: input.minutes ?? null,
      source: input.barrierId
        ? 'barrier'
        : input.agreementId
          ? 'agreement'
          : input.themeId
            ? 'catalogue'
            : 'manual',
      barrierId: input.barrierId ?? null,
      agreementId: input.agreementId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    if (input.position !== undefined && input.position <= order.length) {
      order.splice(input.position - 1, 0, row.id);
      renumber(db, order);
    }
    recordAudit(db, actor, {
      action: 'create',
      entity: 'agenda_item',
      entityId: row.id,
      changes: { meetingId, ...input },
    });
    return toItem(findItem(db, meetingId, row.id));
  });
}

export function updateAgendaItem(
  db: Db,
  actor: Actor,
  meetingId: number,
  itemId: number,
  input: UpdateAgendaItem,
): AgendaItem {
  return db.transaction(() => {
    const before = findItem(db, meetingId, itemId);
    assertVersion('Agenda item', before.version, input.version);
    const { version: _v, ...fields } = input;
    if (fields.themeId != null) themeName(db, fields.themeId, 'body.themeId');
    const changes = diff(before, fields);
    if (Object.keys(changes).length === 0) return toItem(before);
    const row = updateAgendaItemRow(db, itemId, {
      ...fields,
      version: before.version + 1,
      updatedAt: nowIso(),
    });
    recordAudit(db, actor, { action: 'update', entity: 'agenda_item', entityId: itemId, changes });
    return toItem(row);
  });
}

export function deleteAgendaItem(db: Db, actor: Actor, meetingId: number, itemId: number): void {
  db.transaction(() => {
    const before = findItem(db, meetingId, itemId);
    deleteAgendaItemRow(db, itemId);
    renumber(
      db,
      listAgenda(db, meetingId).map((i) => i.id),
    );
    recordAudit(db, actor, {
      action: 'delete',
      entity: 'agenda_item',
      entityId: itemId,
      changes: toItem(before),
    });
  });
}

export function reorderAgenda(db: Db, actor: Actor, meetingId: number, itemIds: number[]): AgendaItem[] {
  return db.transaction(() => {
    const current = listAgenda(db, meetingId).map((i) => i.id);
    const sent = new Set(itemIds);
    if (sent.size !== itemIds.length || sent.size !== current.length || current.some((id) => !sent.has(id)))
      throw badRequest('itemIds must name every item of the agenda exactly once', [
        { field: 'body.itemIds', message: `expected the ${current.length} item ids of this agenda` },
      ]);
    renumber(db, itemIds);
    recordAudit(db, actor, {
      action: 'update',
      entity: 'agenda',
      entityId: meetingId,
      changes: { order: [current, itemIds] },
    });
    return listAgenda(db, meetingId);
  });
}
