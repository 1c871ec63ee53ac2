import t from 'tap';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { enqueueMail, sharedMailPart, timeOrderedUuid } from '../../server/mail/outbox.ts';
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
