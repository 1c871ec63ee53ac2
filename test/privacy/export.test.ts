import t from 'tap';
import { ERASURE } from '../../server/privacy/erase.ts';
import { ADDRESS_COLUMNS } from '../../server/privacy/export.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';

/** Columns that look personal but hold nobody's personal data: neither exported nor erased. */
const NOT_PERSONAL: Record<string, string> = {
  'organisation.name': 'an organisation',
  'organisation.address': "an organisation's address",
  'role.name': 'the role catalogue',
  'theme.name': 'the theme catalogue',
  'area.name': 'a convening area',
  'cycle.name': 'a planning cycle',
  'meeting.venue_name': 'a place',
  'meeting.venue_address': 'a place',
  'language.name': 'the language catalogue',
  'programme.name': 'a programme',
  'programme.reply_address': "a programme's shared mailbox, not a person's",
  'meeting.reply_by': 'the reply deadline, a date',
  'meeting_session.venue_name': 'a place',
  'meeting_session.venue_address': 'a place',
  'meeting_material.stored_name': 'a random file name in the materials folder',
  'venue.name': 'a place',
};

/** Columns the export need not follow by name, each with why (erasure handles them: ERASURE). */
const NOT_A_CONTACT_PERSON: Record<string, string> = {
  ...NOT_PERSONAL,
  'account.name': 'staff accounts, matched by email',
  'oidc_identity.name': 'staff sign-in identities, matched by email',
  'audit_entry.actor': 'the staff account that acted',
  'barrier_status_change.actor': 'the staff account that acted',
  'agreement_revision.saved_by': 'the staff account that saved',
  'district_mapping.updated_by': 'the staff account that saved',
  'meeting_lessons.updated_by': 'the staff account that saved',
  'meeting_material.uploaded_by': 'the staff account that uploaded',
  'referat_version.approved_by': 'the staff account that approved',
  'referat_version.sent_by': 'the staff account that sent',
  'meeting.host_confirmed_by': 'the staff account that recorded it',
  'date_proposal.actor_email': 'the staff account that sent or decided it',
  'outbox_message.to_name': 'exported with its row (to_address, invitation_id)',
  'outbox_message.content': 'exported with its row (to_address, invitation_id)',
  'outbox_message.raw': 'exported with its row (to_address, invitation_id)',
  'audit_entry.changes': 'searched for the name and address',
};

// a column that can hold a person's name, email or id, by its name
const personal = /(^|_)(email|name|address|attendee|actor|by|raw|content|changes|comment|needs)$|person/;

interface PersonalColumn {
  table: string;
  name: string;
  key: string;
  /** A foreign key to a person or an invitation. */
  followed: boolean;
  /** The table is found from the person (a foreign key, the person table itself, the audit log). */
  linked: boolean;
}

/** Every column of the live schema that can hold a person's name, e-mail or id, by its name. */
function personalColumns(c: import('better-sqlite3').Database): PersonalColumn[] {
  const tables = (
    c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith('__'));
  const columns: PersonalColumn[] = [];
  for (const table of tables) {
    const fks = c.prepare(`PRAGMA foreign_key_list("${table}")`).all() as { from: string; table: string }[];
    const followed = new Set(
      fks.filter((f) => f.table === 'person' || f.table === 'invitation').map((f) => f.from),
    );
    const linked = followed.size > 0 || table === 'person' || table === 'audit_entry';
    for (const { name } of c.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[])
      if (personal.test(name))
        columns.push({ table, name, key: `${table}.${name}`, followed: followed.has(name), linked });
  }
  return columns;
}

t.test('every table and column that can hold a person is covered by the export', async (t) => {
  const { app } = await buildTestApp(t);
  const uncovered = personalColumns(app.db.$client)
    .filter(
      ({ table, name, key, followed, linked }) =>
        !(
          followed ||
          (linked && !name.endsWith('_id')) ||
          ADDRESS_COLUMNS[table]?.includes(name) ||
          key in NOT_A_CONTACT_PERSON
        ),
    )
    .map((c) => c.key);
  t.same(uncovered, [], 'a new column with personal data must be exported (or named here with why not)');
});

t.test('every such column is erased too, or only points at the (anonymised) person', async (t) => {
  const { app } = await buildTestApp(t);
  const c = app.db.$client;
  const columns = personalColumns(c);
  const missed = columns
    .filter(({ table, name, key, followed }) => !(followed || ERASURE[table]?.[name] || key in NOT_PERSONAL))
    .map((col) => col.key);
  t.same(missed, [], 'a new column with personal data must be in ERASURE (server/privacy/erase.ts)');
  const existing = new Set(
    Object.keys(ERASURE).flatMap((table) =>
      (c.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
        (col) => `${table}.${col.name}`,
      ),
    ),
  );
  const stale = Object.entries(ERASURE)
    .flatMap(([table, cols]) => Object.keys(cols).map((name) => `${table}.${name}`))
    .filter((key) => !existing.has(key));
  t.same(stale, [], 'every column ERASURE names exists in the schema');
});

t.test(
  'GET /api/people/:id/export returns everything held about a person, for admins, audited',
  async (t) => {
    const { app, as } = await buildTestApp(t);
    const m = insertMeeting(app.db);
    const invitee = insertInvitee(app.db, m.meetingId, {
      name: 'Anna Holm',
      email: 'anna@brk.dk',
      organisationId: m.memberIds.Bornholm!,
    });
    const answered = await app.inject({
      method: 'POST',
      url: `/rsvp/${invitee.token}`,
      payload: { answer: 'accepted', comment: 'Jeg kommer med tog' },
    });
    t.equal(answered.statusCode, 200, answered.body);
    const personId = (
      app.db.$client.prepare("SELECT id FROM person WHERE email = 'anna@brk.dk'").get() as { id: number }
    ).id;

    t.equal(
      (await app.inject({ url: `/api/people/${personId}/export`, headers: as.facilitator })).statusCode,
      403,
    );
    t.equal((await app.inject({ url: '/api/people/424242/export', headers: as.admin })).statusCode, 404);
    const res = await app.inject({ url: `/api/people/${personId}/export`, headers: as.admin });
    t.equal(res.statusCode, 200, res.body);
    const data = res.json();
    t.equal(data.person[0].email, 'anna@brk.dk');
    t.equal(data.invitation.length, 1, 'the invitation');
    t.equal(data.invitation[0].comment, 'Jeg kommer med tog', 'with the answer and its comment');
    const audit = await app.inject({
      url: `/api/audit?entity=person&entityId=${personId}`,
      headers: as.admin,
    });
    t.ok(
      audit.json().items.some((e: { action: string }) => e.action === 'export'),
      'the export is in the audit log',
    );
  },
);
