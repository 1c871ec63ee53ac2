import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { truncateWal } from '../../db/checkpointer.ts';
import { prepared } from '../../db/statements.ts';
import { buildTestApp } from '../helpers/app.ts';
import { insertMeeting } from '../helpers/factories.ts';
import { startSmtp } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

/** The raw bytes of the database file and its -wal file: free pages and old frames included. */
function fileBytes(dir: string): Buffer {
  const db = join(dir, 'samraad.db');
  return Buffer.concat([
    readFileSync(db),
    existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : Buffer.alloc(0),
  ]);
}

t.test('answer links delivered over SMTP and deleted rows leave nothing readable in the files', async (t) => {
  const smtp = await startSmtp(t);
  const { app, as, dir } = await buildTestApp(t, { SMTP_URL: smtp.url, MAIL_SENDER: 'on' });
  const { people } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-05-06T07:00:00.000Z',
    endsAt: '2027-05-06T10:00:00.000Z',
    status: 'planned',
    venueName: 'Politigården',
    venueAddress: 'Zahrtmannsvej 4, 3700 Rønne',
  });
  const sent = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(sent.statusCode, 200, sent.body);
  await smtp.waitFor(4);
  await app.mailer.drain();
  const tokens = smtp.received
    .map((r) => /\/rsvp\/([A-Za-z0-9_-]{20,})/.exec(r.parsed.text ?? '')?.[1])
    .filter(Boolean) as string[];
  t.equal(tokens.length, 4, 'each invitation carried an answer link');
  const bytes = fileBytes(dir);
  for (const token of tokens) t.equal(bytes.indexOf(token), -1, 'the answer link is in neither file');

  // a deleted person's email
  const marker = 'slettet-person-9f3a@kommune.test';
  const created = await app.inject({
    method: 'POST',
    url: '/api/people',
    headers: as.facilitator,
    payload: {
      name: 'Slettes',
      email: marker,
      organisationId: prepared(app.db, 'SELECT organisation_id AS o FROM person WHERE id = ?').get(
        people.head,
      )
        ? (
            prepared(app.db, 'SELECT organisation_id AS o FROM person WHERE id = ?').get(people.head) as {
              o: number;
            }
          ).o
        : 1,
    },
  });
  t.equal(created.statusCode, 201, created.body);
  prepared(app.db, 'DELETE FROM person WHERE id = ?').run(created.json().id);
  prepared(app.db, "DELETE FROM audit_entry WHERE entity = 'person' AND entity_id = ?").run(
    String(created.json().id),
  );
  // after the service's checkpointer, if it is checkpointing just now (SQLite refuses a second one)
  truncateWal(app.db);
  t.equal(fileBytes(dir).indexOf(marker), -1, 'a deleted row is zeroed (secure_delete)');
});
