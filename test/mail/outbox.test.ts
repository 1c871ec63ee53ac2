import t from 'tap';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { enqueueMail, enqueueMails, sharedMailPart, timeOrderedUuid } from '../../server/mail/outbox.ts';
import { outboxSource } from '../../server/mail/queries.ts';
import { fillStandIns, queuedContent, storedMail } from '../../server/mail/sender.ts';

t.test('a part stored once for many messages reads back exactly as if stored with each', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  migrateDatabase(db);
  const icalEvent = {
    method: 'REQUEST',
    filename: 'invitation.ics',
    content: 'BEGIN:VCALENDAR\r\nX:"æøå"\\\r\nEND:VCALENDAR\r\n',
  };
  const mail = {
    kind: 'invitation',
    to: { address: 'a@x.dk', name: 'Åse' },
    subject: 'Invitation',
    text: 'Kære Åse "A" \\ <b>',
    html: '<p>Kære Åse &quot;A&quot;</p>',
    headers: { 'Content-Language': 'da' },
  };
  const one = enqueueMail(db, { ...mail, extra: { replyTo: { name: 'F', address: 'f@x.dk' }, icalEvent } });
  const shared = sharedMailPart(db, { icalEvent });
  const two = enqueueMail(db, {
    ...mail,
    extra: { replyTo: { name: 'F', address: 'f@x.dk' } },
    partId: shared,
  });
  const content = (id: number) => queuedContent(outboxSource(db, id)!);
  t.equal(content(two.id), content(one.id), 'byte for byte');
  t.strictSame(JSON.parse(content(two.id)).icalEvent, icalEvent, 'the calendar reads back as given');
  t.notMatch(
    db.$client.prepare('SELECT content FROM outbox_message WHERE id = ?').get(two.id),
    { content: /VCALENDAR/ },
    'the shared calendar is not stored with the message itself',
  );
});

t.test('messages queued together are each stored as if queued alone, however many there are', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  migrateDatabase(db);
  const mail = (i: number) => ({
    kind: 'invitation',
    to: { address: `p${i}@x.dk`, name: i % 2 ? `Person ${i}` : undefined },
    subject: `Invitation ${i}`,
    text: `Kære ${i}`,
    html: `<p>Kære ${i}</p>`,
  });
  // more than one statement's worth (64 rows), and a remainder
  const together = Array.from({ length: 150 }, (_, i) => mail(i));
  enqueueMails(db, together, 'x.dk', '2027-01-01T00:00:00.000Z');
  const alone = enqueueMail(db, mail(150), 'x.dk', '2027-01-01T00:00:00.000Z');
  const rows = db.$client
    .prepare(
      `SELECT id, message_id AS messageId, to_address AS toAddress, to_name AS toName, subject, content, status,
         next_attempt_at AS nextAttemptAt FROM outbox_message ORDER BY id`,
    )
    .all() as {
    id: number;
    messageId: string;
    toAddress: string;
    toName: string | null;
    subject: string;
    content: string;
    status: string;
    nextAttemptAt: string;
  }[];
  t.equal(rows.length, 151, 'every message stored once');
  t.strictSame(
    rows.map((r) => [r.toAddress, r.toName, r.subject, JSON.parse(r.content).text]),
    Array.from({ length: 151 }, (_, i) => [
      `p${i}@x.dk`,
      i % 2 ? `Person ${i}` : null,
      `Invitation ${i}`,
      `Kære ${i}`,
    ]),
    'in the order given, each with its own address, name, subject and text',
  );
  t.equal(new Set(rows.map((r) => r.messageId)).size, 151, 'each with its own Message-ID');
  // a version 7 UUID begins with its millisecond: later messages never carry an earlier one
  const millis = rows.map((r) => r.messageId.slice(1, 14));
  t.ok(
    millis.every((m, i) => i === 0 || m >= millis[i - 1]!),
    'Message-IDs made in the order the messages were queued',
  );
  t.ok(
    rows.every((r) => r.status === 'queued' && r.nextAttemptAt === '2027-01-01T00:00:00.000Z'),
    'all queued, due at once',
  );
  t.equal(rows.at(-1)!.id, alone.id, 'the message queued alone after them comes last');
  enqueueMails(db, [], 'x.dk');
  t.equal(
    (db.$client.prepare('SELECT count(*) AS n FROM outbox_message').get() as { n: number }).n,
    151,
    'nothing to queue stores nothing',
  );
});

t.test('Message-IDs are UUIDs of version 7: unique, and in the order they were made', async (t) => {
  const at = Date.UTC(2027, 2, 12, 8);
  const ids = Array.from({ length: 1000 }, (_, i) => timeOrderedUuid(at + Math.floor(i / 10)));
  t.equal(new Set(ids).size, ids.length, 'no two alike');
  for (const id of ids.slice(0, 3))
    t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'RFC 9562 layout');
  t.equal(ids[0]!.replaceAll('-', '').slice(0, 12), at.toString(16).padStart(12, '0'), 'milliseconds first');
  const later = ids.filter((_, i) => i % 10 === 0);
  t.same([...later].sort(), later, 'a later millisecond sorts after an earlier one');
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  migrateDatabase(db);
  const { messageId } = enqueueMail(
    db,
    { kind: 'test', to: { address: 'a@x.dk' }, subject: 'S', text: 'T' },
    'samraad.dk',
  );
  t.match(messageId, /^<[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@samraad\.dk>$/);
});

t.test('a shared text’s stand-ins are filled in one pass, each message with its own values', async (t) => {
  const standIns = ['QxNavnQx', 'QxLinkQx'];
  t.equal(
    fillStandIns('Kære QxNavnQx, svar på QxLinkQx?a=1 (QxLinkQx)', standIns, [
      'Bo $& QxLinkQx',
      'https://x/rsvp/r_1',
    ]),
    'Kære Bo $& QxLinkQx, svar på https://x/rsvp/r_1?a=1 (https://x/rsvp/r_1)',
    'a value is taken as it is, never searched for stand-ins or $ patterns',
  );
  const db = openDatabase(':memory:');
  t.teardown(() => db.$client.close());
  migrateDatabase(db);
  const partId = sharedMailPart(db, {
    text: 'Kære QxNavnQx: QxLinkQx',
    html: '<p>Kære QxNavnQx</p>',
    standIns,
  });
  const one = enqueueMail(db, {
    kind: 'invitation',
    to: { address: 'a@x.dk' },
    subject: 'S',
    partId,
    fill: { text: ['Tom & Jerry', 'https://x/rsvp/r_1'], html: ['Tom &amp; Jerry', 'https://x/rsvp/r_1'] },
  });
  t.strictSame(
    { text: storedMail(outboxSource(db, one.id)!).text, html: storedMail(outboxSource(db, one.id)!).html },
    { text: 'Kære Tom & Jerry: https://x/rsvp/r_1', html: '<p>Kære Tom &amp; Jerry</p>' },
  );
});
