import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/statements.ts';

/** A meeting's materials: their SQL, returning typed rows. */

export interface MaterialRow {
  id: number;
  meetingId: number;
  filename: string;
  contentType: string;
  size: number;
  storedName: string;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

const COLUMNS = `id, meeting_id AS meetingId, filename, content_type AS contentType, size, stored_name AS storedName,
  sha256, uploaded_by AS uploadedBy, created_at AS createdAt`;

export function materialsOfMeeting(db: Db, meetingId: number): MaterialRow[] {
  return prepared<MaterialRow>(
    db,
    `SELECT ${COLUMNS} FROM meeting_material WHERE meeting_id = ? ORDER BY id`,
  ).all(meetingId);
}

export function materialOfMeeting(db: Db, meetingId: number, id: number): MaterialRow | undefined {
  return prepared<MaterialRow>(
    db,
    `SELECT ${COLUMNS} FROM meeting_material WHERE meeting_id = ? AND id = ?`,
  ).get(meetingId, id);
}

export function insertMaterial(db: Db, row: Omit<MaterialRow, 'id'>): MaterialRow {
  return prepared<MaterialRow>(
    db,
    `INSERT INTO meeting_material (meeting_id, filename, content_type, size, stored_name, sha256, uploaded_by, created_at)
     VALUES (:meetingId, :filename, :contentType, :size, :storedName, :sha256, :uploadedBy, :createdAt)
     RETURNING ${COLUMNS}`,
  ).get(row)!;
}

export function deleteMaterialRow(db: Db, id: number): void {
  prepared(db, 'DELETE FROM meeting_material WHERE id = ?').run(id);
}
