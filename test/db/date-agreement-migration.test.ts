import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { listAgreements, meetingAgreement } from '../../server/dates/agreements.ts';
import { listMeetings } from '../../server/planning/meetings.ts';

/** The previous release had no date agreement: a meeting already invited was agreed by hand, so it migrates as confirmed. */
t.test(
  "migrating the previous release's meetings: invited ones confirmed, planned ones not yet proposed",
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'samraad-dates-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'samraad.db');
    copyFileSync(new URL('../fixtures/release-2026-11-29.db', import.meta.url), path);
    const app = await buildApp(
      loadConfig({
        DATABASE_PATH: path,
        MAIL_DIR: join(dir, 'mail'),
        LOG_LEVEL: 'silent',
        MAIL_SENDER: 'off',
      }),
    );
    t.teardown(() => app.close());
    const meetings = listMeetings(app.db, {}, null);
    const invited = meetings.filter((m) => m.status === 'invited');
    const drafts = meetings.filter((m) => m.status === 'draft');
    t.equal(invited.length, 1, 'the fixture has an invited meeting');
    t.ok(drafts.length > 0, 'and planned ones');
    const agreed = meetingAgreement(app.db, invited[0]!.id);
    t.equal(agreed.status, 'confirmed');
    t.match(
      agreed.proposals,
      [{ kind: 'facilitator', state: 'confirmed', startsAt: invited[0]!.startsAt }],
      'with its date in the history',
    );
    const states = new Map(listAgreements(app.db, {}, null).map((r) => [r.meetingId, r.status]));
    t.ok(
      drafts.every((m) => states.get(m.id) === 'unproposed'),
      'planned meetings wait for their proposal',
    );
  },
);
