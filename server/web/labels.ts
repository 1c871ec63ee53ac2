/** Danish words for the stored codes, in one place so every page says the same. */
export const MEETING_STATUS: Record<string, string> = {
  draft: 'Udkast',
  planned: 'Planlagt',
  invited: 'Inviteret',
  held: 'Afholdt',
  cancelled: 'Aflyst',
};

export const RESPONSE: Record<string, string> = {
  needs_action: 'Intet svar',
  accepted: 'Deltager',
  tentative: 'Måske',
  declined: 'Deltager ikke',
  delegated: 'Sendt videre',
};

export const OUTBOX_STATUS: Record<string, string> = {
  queued: 'I kø',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Fejlet',
};

export const ORGANISATION_KIND: Record<string, string> = {
  police_district: 'Politikreds',
  municipality: 'Kommune',
  childrens_house: 'Børnehus',
  local_police_unit: 'Lokalpoliti',
  facilitator_body: 'Facilitator',
  other: 'Andet',
};

export const LANGUAGE: Record<string, string> = { da: 'Dansk', en: 'Engelsk' };
