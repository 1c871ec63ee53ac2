import type { Db } from '../../db/client.ts';
import { utcToZoned } from '../planning/days.ts';
import { meetingRecord } from '../planning/meetings.ts';
import { agreementList, agreementOf, contactsOfProposal, proposalsOfMeeting } from './queries.ts';
import type { DateAgreement, DateAgreementSummary, DateStatus } from './schemas.ts';

/** A meeting's date agreement with every proposal made and each contact's answer. */
export function meetingAgreement(db: Db, meetingId: number): DateAgreement {
  const m = meetingRecord(db, meetingId);
  const agreement = agreementOf(db, meetingId);
  return {
    meetingId,
    status: agreement?.status ?? 'unproposed',
    confirmedAt: agreement?.confirmedAt ?? null,
    saveTheDateAt: agreement?.saveTheDateAt ?? null,
    proposals: proposalsOfMeeting(db, meetingId).map((p) => ({
      id: p.id,
      kind: p.kind,
      state: p.state,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      localDate: utcToZoned(p.startsAt, m.timeZone).date,
      localStartTime: utcToZoned(p.startsAt, m.timeZone).time,
      localEndTime: utcToZoned(p.endsAt, m.timeZone).time,
      proposedBy:
        p.proposedById !== null && p.proposedByName !== null
          ? { id: p.proposedById, name: p.proposedByName, organisationName: p.proposedByOrganisation ?? '' }
          : null,
      actorEmail: p.actorEmail,
      reason: p.reason,
      createdAt: p.createdAt,
      decidedAt: p.decidedAt,
      contacts: contactsOfProposal(db, p.id).map((c) => ({
        personId: c.personId,
        name: c.name,
        organisationId: c.organisationId,
        organisationName: c.organisationName,
        answer: c.answer,
        answeredAt: c.answeredAt,
        chasedAt: c.chasedAt,
      })),
    })),
  };
}

/** The overview: every meeting of the year (or all) in the caller's programmes, and whether its date is agreed. */
export function listAgreements(
  db: Db,
  query: { year?: number; status?: DateStatus },
  programmes: string | null,
): DateAgreementSummary[] {
  return agreementList(db, query.year ?? null, programmes)
    .map((r) => ({
      meetingId: r.meetingId,
      title: r.title,
      areaName: r.areaName,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      localDate: utcToZoned(r.startsAt, r.timeZone).date,
      meetingStatus: r.meetingStatus,
      status: r.agreementStatus ?? ('unproposed' as const),
      proposedAt: r.proposedAt,
      asked: r.asked,
      confirmed: r.confirmed,
      chased: r.chased,
      pendingCounterProposalId: r.pendingCounterId,
      saveTheDateAt: r.saveTheDateAt,
    }))
    .filter((r) => !query.status || r.status === query.status);
}
