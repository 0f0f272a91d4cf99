import type { AppDb } from '../../open';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { RosterEntry } from '../../../shared/api/rotations';
import { todayIso } from '../../../shared/domain/dates';
import { compareVietnameseNames } from '../../../shared/domain/text';

// "Who works in unit X on date D", read from the dated assignments: a rotation's start moved the cadre's
// assignment to the destination, so rotated-in cadres are present and rotated-out ones are not.

/** The unit and, if asked, the units below it as the tree stood on the date (dated parent links). */
export function unitsOn(db: AppDb, unitId: number, onDate: string, includeSubunits: boolean): number[] {
  if (!includeSubunits) return [unitId];
  const rows = db.sqlite
    .prepare(
      `with recursive t(id) as (
         select ?
         union
         select p.unit_id from unit_parents p join t on p.parent_id = t.id
          where (p.from_date is null or p.from_date <= ?) and (p.to_date is null or p.to_date >= ?)
       ) select id from t`,
    )
    .all(unitId, onDate, onDate) as { id: number }[];
  return rows.map((r) => r.id);
}

const ENTRY = `c.id as cadreId, c.full_name as fullName, a.unit_id as unitId, a.post_title as postTitle,
  a.position_code as positionCode, a.from_date as fromDate, a.to_date as toDate`;
/** Working on the date: no status event on or before it other than "đang công tác" as the latest. */
const WORKING = `coalesce((select s.status from cadre_status_events s where s.cadre_id = c.id and s.effective_date <= @d
                   order by s.effective_date desc, s.id desc limit 1), 'dang_cong_tac') = 'dang_cong_tac'`;

export function unitRoster(db: AppDb, input: ParsedInput<'units.roster'>): CallOutput<'units.roster'> {
  const d = input.onDate ?? todayIso();
  const ids = JSON.stringify(unitsOn(db, input.unitId, d, input.includeSubunits));
  const present = db.sqlite
    .prepare(
      `select ${ENTRY}, r.id as rotationId
         from assignments a
         join cadres c on c.id = a.cadre_id and c.deleted_at is null
         left join rotations r on r.rotation_assignment_id = a.id and r.deleted_at is null
        where a.deleted_at is null and a.unit_id in (select value from json_each(@ids))
          and a.from_date <= @d and (a.to_date is null or a.to_date >= @d) and ${WORKING}`,
    )
    .all({ ids, d }) as RosterEntry[];
  // Home unit here, but on the date working elsewhere through a rotation.
  const away = db.sqlite
    .prepare(
      `select ${ENTRY}, r.id as rotationId
         from rotations r
         join assignments a on a.id = r.rotation_assignment_id and a.deleted_at is null
         join cadres c on c.id = r.cadre_id and c.deleted_at is null
        where r.deleted_at is null and r.from_unit_id in (select value from json_each(@ids))
          and a.unit_id not in (select value from json_each(@ids))
          and a.from_date <= @d and (a.to_date is null or a.to_date >= @d) and ${WORKING}`,
    )
    .all({ ids, d }) as RosterEntry[];
  // Vietnamese order: by given name, then the rest (SQLite's byte order would put "Đ" after "Z").
  const byName = (a: RosterEntry, b: RosterEntry) => compareVietnameseNames(a.fullName, b.fullName);
  return { onDate: d, present: present.sort(byName), away: away.sort(byName) };
}
