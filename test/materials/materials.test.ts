import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createAccount, issueApiToken } from '../../server/accounts/accounts.ts';
import { buildTestApp, formDataPayload } from '../helpers/app.ts';
import { insertInvitee, insertMeeting } from '../helpers/factories.ts';
import { outboxOf } from '../helpers/mail.ts';
import { bornholmWithPeople } from '../helpers/scenarios.ts';

const SLIDES = Buffer.from('%PDF-1.4\n% slides for the meeting\n%%EOF\n');

t.test('materials: uploaded by a facilitator, read by token and by account, nobody else', async (t) => {
  const { app, dir, as } = await buildTestApp(t, { MAIL_SENDER: 'off', MATERIALS_MAX_BYTES: '2000' });
  const folder = join(dir, 'materials');
  const { people } = bornholmWithPeople(app.db);
  const m = insertMeeting(app.db, {
    districtCode: '1471',
    startsAt: '2027-03-12T08:00:00.000Z',
    endsAt: '2027-03-12T11:30:00.000Z',
    facilitatorId: people.facilitator,
    status: 'planned',
  });
  const other = insertMeeting(app.db, { districtCode: '1470', startsAt: '2027-03-13T08:00:00.000Z' });
  const upload = async (file: { name: string; content: Buffer | string }, headers = as.facilitator) => {
    const body = await formDataPayload(file);
    return app.inject({
      method: 'POST',
      url: `/api/meetings/${m.id}/materials`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };

  t.equal(
    (await upload({ name: 'slides.pdf', content: SLIDES }, as.viewer)).statusCode,
    403,
    'viewers look only',
  );
  const created = await upload({ name: 'Oplæg om ventetider.pdf', content: SLIDES });
  t.equal(created.statusCode, 201, created.body);
  const material = created.json();
  t.match(material, {
    filename: 'Oplæg om ventetider.pdf',
    contentType: 'application/pdf',
    size: SLIDES.length,
  });
  const stored = readdirSync(folder);
  t.equal(stored.length, 1, 'one file in the materials folder (beside the database)');

  const logged = (await app.inject({ url: '/api/audit?entity=meeting_material', headers: as.admin })).json();
  t.match(
    logged.items[0],
    { action: 'create', programme: 'dk-politikredsmoeder' },
    "audited under the meeting's programme",
  );
  // the account's way: any account of the programme reads it
  const byAccount = await app.inject({
    url: `/api/meetings/${m.id}/materials/${material.id}`,
    headers: as.viewer,
  });
  t.equal(byAccount.statusCode, 200);
  t.same(byAccount.rawPayload, SLIDES, 'the same bytes come back');
  t.equal(byAccount.headers['content-type'], 'application/pdf');
  t.match(
    byAccount.headers['content-disposition'],
    /attachment; .*filename\*=UTF-8''Opl%C3%A6g%20om%20ventetider\.pdf/,
  );
  t.equal(
    (await app.inject({ url: `/api/meetings/${other.id}/materials/${material.id}`, headers: as.viewer }))
      .statusCode,
    404,
    'not through another meeting',
  );

  // nobody else: no account, an account of no programme, a wrong or another meeting's answer link
  t.equal((await app.inject({ url: `/api/meetings/${m.id}/materials/${material.id}` })).statusCode, 401);
  const stranger = createAccount(app.db, {
    email: 'stranger@test.example',
    role: 'facilitator',
    programmes: [],
  });
  const strangerAuth = { authorization: `Bearer ${issueApiToken(app.db, stranger.id)}` };
  t.equal(
    (await app.inject({ url: `/api/meetings/${m.id}/materials/${material.id}`, headers: strangerAuth }))
      .statusCode,
    404,
  );
  t.equal(
    (await app.inject({ url: `/api/meetings/${m.id}/materials`, headers: strangerAuth })).statusCode,
    404,
  );

  // the invitee's way: their answer link
  const pia = insertInvitee(app.db, m.id, { name: 'Pia Politileder', email: 'pia@politi.test' });
  const elsewhere = insertInvitee(app.db, other.id, {
    name: 'Ole Andetsted',
    email: 'ole@politi.test',
    orgKind: 'police_district',
    orgCode: '1470',
  });
  const byToken = await app.inject({ url: `/rsvp/${pia.token}/materialer/${material.id}` });
  t.equal(byToken.statusCode, 200);
  t.same(byToken.rawPayload, SLIDES);
  t.equal(byToken.headers['cache-control'], 'no-store');
  t.equal((await app.inject({ url: `/rsvp/${elsewhere.token}/materialer/${material.id}` })).statusCode, 404);
  t.equal((await app.inject({ url: `/rsvp/rsvp_nope_nope/materialer/${material.id}` })).statusCode, 404);
  t.equal((await app.inject({ url: `/rsvp/${pia.token}x/materialer/${material.id}` })).statusCode, 404);

  // linked from the answer page
  const page = await app.inject({ url: `/rsvp/${pia.token}`, headers: { accept: 'text/html' } });
  t.match(page.body, `href="/rsvp/${pia.token}/materialer/${material.id}"`);
  t.match(page.body, 'Oplæg om ventetider.pdf');

  // too large or of a refused type: a clear refusal, and nothing on disk or in the database
  const tooLarge = await upload({ name: 'big.pdf', content: Buffer.alloc(2001, 1) });
  t.equal(tooLarge.statusCode, 413);
  t.match(tooLarge.headers['content-type'], /application\/problem\+json/);
  t.match(tooLarge.json(), { fields: [{ field: 'body.file' }] });
  const exe = await upload({ name: 'virus.exe', content: 'MZ' });
  t.equal(exe.statusCode, 415);
  t.match(exe.json().detail, /pdf, docx, pptx, xlsx, png, jpg, jpeg, txt/);
  const noFile = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/materials`,
    headers: as.facilitator,
    payload: {},
  });
  t.equal(noFile.statusCode, 400);
  t.same(readdirSync(folder), stored, 'still only the one file');
  const list = (await app.inject({ url: `/api/meetings/${m.id}/materials`, headers: as.viewer })).json();
  t.equal(list.length, 1, 'still only the one material');

  // linked from the invitation
  const invited = await app.inject({
    method: 'POST',
    url: `/api/meetings/${m.id}/invitations`,
    headers: as.facilitator,
  });
  t.equal(invited.statusCode, 200);
  const invitation = outboxOf(app.db, 'invitation').find((i) => i.toAddress === 'viggo@politi.test')!;
  const link = invitation.content.text.match(/http:\/\/127\.0\.0\.1:3000(\/rsvp\/\S+\/materialer\/\d+)/);
  t.ok(link, 'the invitation links the material');
  t.match(invitation.content.html, 'Materialer til mødet');
  const followed = await app.inject({ url: link![1]! });
  t.equal(followed.statusCode, 200);
  t.same(followed.rawPayload, SLIDES);

  // removed: gone from the folder and the list
  t.equal(
    (
      await app.inject({
        method: 'DELETE',
        url: `/api/meetings/${m.id}/materials/${material.id}`,
        headers: as.facilitator,
      })
    ).statusCode,
    204,
  );
  t.same(readdirSync(folder), []);
  t.equal((await app.inject({ url: `/rsvp/${pia.token}/materialer/${material.id}` })).statusCode, 404);
});
