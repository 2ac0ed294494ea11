import type { EvaluationOutcome } from './evaluate-catalogue';
import type { CatalogueMeasurement } from './measure-catalogue';

/** The measurement as Markdown: totals, the per-feature table, the refusal reasons and the evaluations. */
export function formatResults(
  measurement: CatalogueMeasurement,
  evaluations: readonly EvaluationOutcome[],
  when: string,
): string {
  const { expressions, refusals, documents } = measurement;
  const matches = evaluations.filter((outcome) => outcome.status === 'matches').length;
  const ran = evaluations.filter((outcome) => outcome.status !== 'not-compiled').length;
  const lines = [
    '# Catalogue results',
    '',
    `Measured ${when} by \`write-results.ts\` (see README in this folder).`,
    '',
    `- Expressions APIM accepts: **${expressions.compiled} / ${expressions.total} compile** (${percent(expressions.compiled, expressions.total)}).`,
    `- Expressions APIM refuses: ${refusals.refusedAsUnsupported} / ${refusals.total} refused here with EXPRESSION_UNSUPPORTED.`,
    `- Whole documents (all valid in APIM): ${documents.compiled} / ${documents.total} load; ${documents.refusedForExpression} refused for an expression, ${documents.refusedForElement} for a policy element this gateway lacks.`,
    `- Predicted values: ${matches} / ${evaluations.length} match (${ran} compiled and ran).`,
    '',
    '| Feature | Expressions compiled | Documents loaded |',
    '| --- | --- | --- |',
    ...measurement.perFeature.map((tally) =>
      tally.feature === 'disallowed-type'
        ? `| ${tally.feature} | refused ${refusals.refusedAsUnsupported} / ${refusals.total} (APIM refuses them too) | — |`
        : `| ${tally.feature} | ${tally.expressionsCompiled} / ${tally.expressions} | ${tally.documentsCompiled} / ${tally.documents} |`,
    ),
    '',
    '## Why expressions are refused (most frequent first)',
    '',
    ...measurement.topReasons.map(
      (entry) =>
        `- ${entry.count} × ${oneLine(entry.reason)} (${entry.ids.slice(0, 4).join(', ')}${entry.ids.length > 4 ? ', …' : ''})`,
    ),
    '',
    '## Documents',
    '',
    ...measurement.outcomes
      .filter((outcome) => outcome.kind === 'document')
      .map(
        (outcome) =>
          `- ${outcome.id}: ${outcome.compiled ? 'loads' : `${outcome.code}: ${oneLine(outcome.message ?? '')}`}`,
      ),
    '',
    '## Predicted values that differ or fail',
    '',
    ...evaluations
      .filter((outcome) => outcome.status === 'differs' || outcome.status === 'failed')
      .map((outcome) =>
        outcome.status === 'differs'
          ? `- ${outcome.id}: expected \`${oneLine(outcome.expected)}\`, got \`${oneLine(outcome.actual ?? '')}\``
          : `- ${outcome.id}: failed: ${oneLine(outcome.error ?? '')}`,
      ),
    '',
  ];
  return lines.join('\n');
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${Math.round((100 * part) / whole)} %`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 220 ? `${flat.slice(0, 217)}…` : flat;
}
