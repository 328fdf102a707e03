import { AppError } from '../app-error.js';
import { medcalcV1RuleSet } from './medcalc-v1.js';
import { relative5pctRuleSet } from './relative-5pct.js';
import { RULE_SET_IDS, type RuleSet, type RuleSetId } from './types.js';

export * from './types.js';

export const RULE_SETS: Record<RuleSetId, RuleSet> = {
  'medcalc-v1.0': medcalcV1RuleSet,
  'relative-5pct': relative5pctRuleSet,
};

export function getRuleSet(id: string): RuleSet {
  if (!(RULE_SET_IDS as readonly string[]).includes(id)) {
    throw new AppError('ARGUMENT_INVALID', `unknown rule set "${id}"`, {
      fix: `Use one of: ${RULE_SET_IDS.join(', ')}.`,
    });
  }
  return RULE_SETS[id as RuleSetId];
}
