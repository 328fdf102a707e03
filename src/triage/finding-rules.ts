import type { Finding } from '../verify/types.js';
import { isBlindLlm } from './llm-rules.js';
import type { TriagePolicy } from './policy.js';
import type { VerifierPosition } from './positions.js';
import { describeFinding, findingsOf, hold, note } from './reasons.js';
import type { Rules } from './reasons.js';

/**
 * Findings that hold any automatic decision back, whatever the consensus: a blocking-category finding, an
 * implausible input (per policy), an inputs verifier's dispute. Returns the findings named, so later rules do not
 * repeat them.
 */
export function checkFindings(
  rules: Rules,
  context: {
    positions: readonly VerifierPosition[];
    consensus: VerifierPosition['outcome'] | undefined;
    policy: TriagePolicy;
  },
): Set<Finding> {
  const { positions, consensus, policy } = context;
  const named = new Set<Finding>();
  for (const position of positions) {
    for (const finding of findingsOf(position, policy.blockingSeverity)) {
      // A blind verifier's extraction finding is its dispute itself, weighed by the consensus rules; it does not
      // make the stored inputs suspect, since the blind runs never read them.
      if (!policy.blockingCategories.includes(finding.category) || isBlindLlm(position)) continue;
      named.add(finding);
      const consequence =
        consensus === 'supports'
          ? '; the supporting verifiers computed from the same, possibly wrong, inputs'
          : consensus === 'not-computable'
            ? '; the inputs reported missing may be in the note'
            : '';
      hold(rules, 'blocking-finding', `${describeFinding(position.verifier, finding)}${consequence}`);
    }
    for (const finding of findingsOf(position, 'warning')) {
      if (finding.category !== 'implausible-input' || named.has(finding)) continue;
      named.add(finding);
      const sends = policy.implausibleInput === 'needs-physician';
      const suffix = sends ? '' : ' (ignored under this policy)';
      (sends ? hold : note)(
        rules,
        'implausible-input',
        `${describeFinding(position.verifier, finding)}${suffix}`,
      );
    }
  }
  for (const position of positions.filter(
    (candidate) => candidate.role === 'inputs' && candidate.outcome === 'disputes',
  )) {
    const others = findingsOf(position, 'warning').filter((finding) => !named.has(finding));
    const detail =
      others.length === 0
        ? ''
        : `: ${others.map((finding) => describeFinding(position.verifier, finding)).join('; ')}`;
    hold(rules, 'inputs-disputed', `${position.verifier} disputes the stored inputs${detail}`);
  }
  return named;
}
