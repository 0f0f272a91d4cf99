import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import type { CallContext } from '../../context';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { RuleSet } from '../../../shared/api/rotations';
import { fail } from '../../../shared/api/envelope';
import { diffEntries, writeAudit } from '../audit';
import { listRuleSets } from './rules';

// Reading and editing the rule sets (administrators): a changed regulation is data entry, not a release.

export function listRotationRules(db: AppDb): CallOutput<'rotationRules.list'> {
  const retirementSchedule = db.sqlite
    .prepare(`select id, sex, born_from as bornFrom, born_to as bornTo, age_years as ageYears, age_months as ageMonths, source
                from retirement_age_schedule order by sex, coalesce(born_from, '0000')`)
    .all() as CallOutput<'rotationRules.list'>['retirementSchedule'];
  return { ruleSets: listRuleSets(db), retirementSchedule };
}

export function updateRuleSet(db: AppDb, input: ParsedInput<'rotationRules.update'>, ctx: CallContext): RuleSet {
  return inTransaction(db, () => {
    const before = listRuleSets(db).find((s) => s.id === input.id);
    if (!before) throw fail.notFound('bộ quy định');
    if (before.version !== input.version) throw fail.conflict(before);
    const after: RuleSet = { ...before, ...Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) } as RuleSet;
    if (!after.name) after.name = before.name;
    if (after.validTo && after.validTo < after.validFrom) throw fail.validation('Ngày hết hiệu lực phải sau ngày có hiệu lực.', { validTo: 'Phải sau ngày có hiệu lực.' });
    db.sqlite
      .prepare(`update rotation_rule_sets set name = ?, valid_from = ?, valid_to = ?, rules = ?, note = ?, version = version + 1,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
      .run(after.name, after.validFrom, after.validTo ?? null, JSON.stringify(after.rules), after.note ?? null, input.id);
    writeAudit(db, ctx, diffEntries('rotation_rule_set', input.id, null, before, after, ['name', 'validFrom', 'validTo', 'rules', 'note']));
    return listRuleSets(db).find((s) => s.id === input.id)!;
  });
}
