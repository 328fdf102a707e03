/**
 * The frontier behind the voting target of issue 13 (≤ 2.5 calls per item at the fixed 4-of-5 supermajority's
 * accuracy): a grid of sequential rules of the same family as the blind verifiers' default, run on the items and runs
 * of `voting-simulation.ts`, and which of them meet the target in every setting, with what they cost elsewhere:
 * the share of items accepted automatically (the rest go to physicians) and the share relabelled automatically.
 *
 * Family: the original label votes with weight w; a cluster is accepted once it has at least `minVotes` run votes
 * and leads every other cluster by `leadWith` (when the label is in it) or `leadAgainst` (a relabel); the vote stops
 * as split once no cluster can reach its lead within `maxRuns` runs. The default rule is w = 1, leads 3 and 3,
 * 4 runs, 2 votes. Research only (not in `npm run bench`: ~30 s): `npx tsx bench/voting-frontier.ts [items]`.
 */
import { createRandom, hashSeed } from '../src/triage/prng.js';
import {
  drawBallot,
  drawItems,
  SIMULATION_SETTINGS,
  TRUTH,
  type SimulatedItem,
} from './voting-simulation.js';

interface LeadRule {
  weight: number;
  leadWith: number;
  leadAgainst: number;
  maxRuns: number;
  minVotes: number;
}

type Answer = string | null;

function decide(rule: LeadRule, runs: readonly Answer[], label: string): { stop: boolean; accepted: Answer } {
  const votes = new Map<string, number>();
  for (const answer of runs) if (answer !== null) votes.set(answer, (votes.get(answer) ?? 0) + 1);
  const scores = new Map(votes);
  scores.set(label, (scores.get(label) ?? 0) + rule.weight);
  const bestOther = (key: string) =>
    Math.max(0, ...[...scores].filter(([other]) => other !== key).map(([, score]) => score));
  const leadFor = (key: string) => (key === label ? rule.leadWith : rule.leadAgainst);
  for (const [key, count] of votes) {
    if (count >= rule.minVotes && (scores.get(key) ?? 0) - bestOther(key) >= leadFor(key) - 1e-9) {
      return { stop: true, accepted: key };
    }
  }
  const left = rule.maxRuns - runs.length;
  if (left <= 0) return { stop: true, accepted: null };
  const reachable = [...scores.keys(), '(a new answer)'].some(
    (key) =>
      (votes.get(key) ?? 0) + left >= rule.minVotes &&
      (scores.get(key) ?? 0) + left - bestOther(key) >= leadFor(key) - 1e-9,
  );
  return { stop: !reachable, accepted: null };
}

interface Figures {
  calls: number;
  accepted: number;
  relabelled: number;
  accuracy: number;
}

function run(items: readonly SimulatedItem[], rule: LeadRule | 'fixed', seed: string): Figures {
  const random = createRandom(hashSeed(`${seed}:runs`));
  let calls = 0;
  let accepted = 0;
  let relabelled = 0;
  let right = 0;
  for (const item of items) {
    const runs: Answer[] = [];
    let outcome: { stop: boolean; accepted: Answer } = { stop: false, accepted: null };
    while (!outcome.stop) {
      const count = rule === 'fixed' ? 5 : runs.length === 0 ? 2 : 1;
      for (let index = 0; index < count; index++) {
        const ballot = drawBallot(item, random);
        runs.push(ballot.outcome === 'answer' ? ballot.answer : null);
      }
      if (rule === 'fixed') {
        const votes = new Map<string, number>();
        for (const answer of runs) if (answer !== null) votes.set(answer, (votes.get(answer) ?? 0) + 1);
        const winner = [...votes].find(([, count]) => count >= 4)?.[0] ?? null;
        outcome = { stop: true, accepted: winner };
      } else outcome = decide(rule, runs, item.label);
    }
    calls += runs.length;
    if (outcome.accepted !== null) {
      accepted++;
      if (outcome.accepted !== item.label) relabelled++;
      if (outcome.accepted === TRUTH) right++;
    }
  }
  const count = Math.max(1, items.length);
  return {
    calls: calls / count,
    accepted: accepted / count,
    relabelled: relabelled / count,
    accuracy: right / Math.max(1, accepted),
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
const describe = (rule: LeadRule) =>
  `w=${rule.weight} lead ${rule.leadWith}/${rule.leadAgainst} max ${rule.maxRuns} votes ${rule.minVotes}`;
const format = (figures: Figures) =>
  `${figures.calls.toFixed(2)} calls, accepts ${percent(figures.accepted)} (relabels ${percent(figures.relabelled)}) at ${percent(figures.accuracy)}`;

const itemCount = Number(process.argv[2] ?? 8000);
const seed = 'voting-simulation-v1';
const settings = SIMULATION_SETTINGS.map((setting) => ({
  setting,
  items: drawItems(itemCount, setting, seed),
}));
const fixed = settings.map(({ items }) => run(items, 'fixed', seed));
const rules: LeadRule[] = [];
for (const weight of [0.5, 1, 1.5, 2])
  for (const leadWith of [2, 2.5, 3, 3.5])
    for (const leadAgainst of [2, 2.5, 3, 3.5])
      for (const maxRuns of [3, 4, 5])
        for (const minVotes of [2, 3]) rules.push({ weight, leadWith, leadAgainst, maxRuns, minVotes });

console.log(`${rules.length} rules, ${itemCount} items per setting (seed ${seed})`);
settings.forEach(({ setting }, index) =>
  console.log(`fixed 4-of-5, ${setting.name}: ${format(fixed[index] as Figures)}`),
);
const meetsTarget: { rule: LeadRule; figures: Figures[] }[] = [];
for (const rule of rules) {
  const figures = settings.map(({ items }) => run(items, rule, seed));
  const met = figures.every(
    (row, index) => row.calls <= 2.5 && row.accuracy >= (fixed[index] as Figures).accuracy - 0.005,
  );
  if (met) meetsTarget.push({ rule, figures });
}
const keepsWork = meetsTarget.filter(({ figures }) =>
  figures.every(
    (row, index) => row.relabelled > 0.02 && row.accepted >= (fixed[index] as Figures).accepted - 0.01,
  ),
);
console.log(
  `${meetsTarget.length} rules meet ≤ 2.5 calls at the supermajority's accuracy (− 0.5 point) in every setting;`,
);
console.log(
  `${keepsWork.length} of them also relabel automatically (> 2% of items) and accept within 1 point of the supermajority:`,
);
const printRule = ({ rule, figures }: { rule: LeadRule; figures: Figures[] }) =>
  console.log(`  ${describe(rule)}: ${figures.map(format).join(' | ')}`);
/** The target-meeting rules highest on `measure` in their lowest setting, `count` of them. */
function printLeaders(title: string, measure: 'accepted' | 'relabelled', count: number): void {
  const lowest = (figures: Figures[]) => Math.min(...figures.map((row) => row[measure]));
  console.log(title);
  [...meetsTarget]
    .sort((left, right) => lowest(right.figures) - lowest(left.figures))
    .slice(0, count)
    .forEach(printRule);
}
keepsWork.forEach(printRule);
printLeaders('the target-meeting rules that accept the most (lowest setting first):', 'accepted', 5);
printLeaders('the target-meeting rules that relabel the most (lowest setting first):', 'relabelled', 3);
const current = settings.map(({ items }) =>
  run(items, { weight: 1, leadWith: 3, leadAgainst: 3, maxRuns: 4, minVotes: 2 }, seed),
);
console.log(`the default rule: ${current.map(format).join(' | ')}`);
