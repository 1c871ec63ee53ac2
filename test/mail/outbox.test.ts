import t from 'tap';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { enqueueMail, storedJsonMembers } from '../../server/mail/outbox.ts';

t.test('a part serialised once for many messages is stored exactly as if serialised with each', async (t) => {
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
  const shared = storedJsonMembers({ icalEvent });
  const two = enqueueMail(db, {
    ...mail,
    extra: { replyTo: { name: 'F', address: 'f@x.dk' } },
    extraJson: shared,
  });
  // text and HTML already as JSON too (a meeting's mail rendered once for many invitees)
  const three = enqueueMail(db, {
    ...mail,
    json: { text: JSON.stringify(mail.text), html: JSON.stringify(mail.html) },
    extra: { replyTo: { name: 'F', address: 'f@x.dk' } },
    extraJson: shared,
  });
  const content = (id: number) =>
    (db.$client.prepare('SELECT content FROM outbox_message WHERE id = ?').get(id) as { content: string })
      .content;
  t.equal(content(two.id), content(one.id), 'byte for byte');
  t.equal(content(three.id), content(one.id), 'byte for byte, text and HTML given as JSON');
  t.strictSame(JSON.parse(content(two.id)).icalEvent, icalEvent, 'the calendar reads back as given');
});
