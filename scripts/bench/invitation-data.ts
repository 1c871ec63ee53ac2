import type Database from 'better-sqlite3';

/**
 * The people and meetings of bench:invitations: `meetings` convening areas with `perMeeting`
 * people each (every fifth reads English) and one planned meeting per area. Plain SQL on the
 * tables as they were before issue 18, so the code before the speed work can run on it too.
 */
type Sql = Database.Database;

/** `total` invitees over the first meetings, then `warm` meetings of `perMeeting` each for warming up. */
export function insertBenchMeetings(
  sql: Sql,
  shape: { total: number; perMeeting: number; warm: number },
): { meetings: number } {
  const { total, perMeeting, warm } = shape;
  const meetings = Math.ceil(total / perMeeting);
  const now = new Date().toISOString();
  const org = sql.prepare(
    `INSERT INTO organisation (kind, name, created_at, updated_at) VALUES ('municipality', ?, ?, ?)`,
  );
  const area = sql.prepare(
    `INSERT INTO area (name, kind, convener_id, created_at, updated_at) VALUES (?, 'bench', ?, ?, ?)`,
  );
  const member = sql.prepare(
    `INSERT INTO area_member (area_id, organisation_id, member_role, area_kind) VALUES (?, ?, 'convener', 'bench')`,
  );
  const person = sql.prepare(
    `INSERT INTO person (name, email, organisation_id, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const role = sql.prepare<[], { id: number }>(`SELECT id FROM role WHERE key = 'teamleder'`).get()!.id;
  const personRole = sql.prepare('INSERT INTO person_role (person_id, role_id) VALUES (?, ?)');
  const meeting = sql.prepare(
    `INSERT INTO meeting (area_id, title, status, starts_at, ends_at, venue_name, venue_address, ics_uid, created_at, updated_at)
     VALUES (?, ?, 'planned', ?, ?, 'Rådhuset', 'Torvet 1, 8000 Aarhus C', ?, ?, ?)`,
  );
  sql.transaction(() => {
    for (let i = 0; i < meetings + warm; i++) {
      const orgId = Number(org.run(`Bench Kommune ${i}`, now, now).lastInsertRowid);
      const areaId = Number(area.run(`Bench Politikreds ${i}`, orgId, now, now).lastInsertRowid);
      member.run(areaId, orgId);
      for (let j = 0; j < perMeeting && (i >= meetings || i * perMeeting + j < total); j++) {
        const language = j % 5 === 0 ? 'en' : 'da';
        const id = Number(
          person.run(`Deltager ${i}-${j}`, `d${i}-${j}@bench.example`, orgId, language, now, now)
            .lastInsertRowid,
        );
        personRole.run(id, role);
      }
      const start = new Date(Date.UTC(2027, 2, 1 + (i % 200), 8));
      const end = new Date(start.getTime() + 3 * 3600_000);
      meeting.run(
        areaId,
        `Politikredsmøde ${i}`,
        start.toISOString(),
        end.toISOString(),
        `bench-${i}@samraad.test`,
        now,
        now,
      );
    }
  })();
  return { meetings };
}
