import { GatewayConfigError } from '../errors/gateway-config-error';
import { compileExpression, type CompiledExpression } from '../expressions';
import { CATALOGUE_FEATURES, type CatalogueExpression, type CatalogueFeature } from './catalogue-entry';
import { CATALOGUE_EXPRESSIONS } from './expressions';
import { loadCatalogueDocuments, type LoadedDocument } from './load-documents';

/**
 * Compiles a whole policy document the way the gateway loads one; throws GatewayConfigError when
 * it refuses it. Injected (document-compiler.ts builds the real one) because the policy registry
 * and document reader sit above expressions in the engine's layers.
 */
export type DocumentCompiler = (file: string, xml: string) => void;

/** What happened to one catalogue entry. */
export interface CatalogueOutcome {
  readonly kind: 'expression' | 'document';
  /** Expression id, or document file name. */
  readonly id: string;
  /** The location given to the compiler: `catalogue/<id>` or `catalogue/documents/<file>`. */
  readonly location: string;
  readonly features: readonly CatalogueFeature[];
  readonly expect: 'compiles' | 'refused';
  readonly compiled: boolean;
  /** GatewayConfigError code; `UNEXPECTED_ERROR` when the compiler threw anything else (a bug). */
  readonly code?: string;
  readonly message?: string;
  /** The message without its location prefix and column hint: what is wrong, for grouping. */
  readonly reason?: string;
}

export interface FeatureTally {
  readonly feature: CatalogueFeature;
  /** Expressions with this feature that APIM accepts, and how many of them compile here. */
  readonly expressions: number;
  readonly expressionsCompiled: number;
  readonly documents: number;
  readonly documentsCompiled: number;
}

export interface CatalogueMeasurement {
  readonly outcomes: readonly CatalogueOutcome[];
  /** Expressions APIM accepts (`expect` not `refused`) and how many compile. */
  readonly expressions: { readonly total: number; readonly compiled: number };
  /** Expressions APIM refuses and how many this engine refuses with EXPRESSION_UNSUPPORTED. */
  readonly refusals: { readonly total: number; readonly refusedAsUnsupported: number };
  /**
   * Documents this gateway should load (`expect: compiles`), how many it loads, and why the others
   * are refused: an expression (EXPRESSION_*) or a policy element it lacks (POLICY_UNKNOWN_ELEMENT).
   */
  readonly documents: {
    readonly total: number;
    readonly compiled: number;
    readonly refusedForExpression: number;
    readonly refusedForElement: number;
  };
  readonly perFeature: readonly FeatureTally[];
  /** Refusal reasons of expressions APIM accepts, most frequent first. */
  readonly topReasons: readonly { readonly reason: string; readonly count: number; readonly ids: readonly string[] }[];
  /** Compiled expressions by id, for evaluation. */
  readonly compiledExpressions: ReadonlyMap<string, CompiledExpression>;
}

export interface MeasureOptions {
  readonly expressions?: readonly CatalogueExpression[];
  readonly documents?: readonly LoadedDocument[];
  /** Without it, documents are reported as not measured (refused with code `NOT_MEASURED`). */
  readonly compileDocument?: DocumentCompiler;
}

/** Compiles every catalogue expression and document and counts the results. Never throws. */
export function measureCatalogue(options: MeasureOptions = {}): CatalogueMeasurement {
  const expressions = options.expressions ?? CATALOGUE_EXPRESSIONS;
  const compiledExpressions = new Map<string, CompiledExpression>();
  const outcomes: CatalogueOutcome[] = [];
  for (const entry of expressions) {
    const location = `catalogue/${entry.id}`;
    const base = { kind: 'expression' as const, id: entry.id, location, features: entry.features };
    const expect = entry.expect ?? 'compiles';
    try {
      compiledExpressions.set(entry.id, compileExpression(entry.source, { file: location }));
      outcomes.push({ ...base, expect, compiled: true });
    } catch (error) {
      outcomes.push({
        ...base,
        expect,
        compiled: false,
        ...describeFailure(error, `${location} expression ${entry.source}: `),
      });
    }
  }
  const documents = options.documents ?? safely(loadCatalogueDocuments, []);
  for (const document of documents) {
    outcomes.push(measureDocument(document, options.compileDocument));
  }
  return summarise(outcomes, compiledExpressions);
}

function measureDocument(document: LoadedDocument, compile: DocumentCompiler | undefined): CatalogueOutcome {
  const base = {
    kind: 'document' as const,
    id: document.file,
    location: document.path,
    features: document.features,
    expect: document.expect,
  };
  if (document.xml === undefined) {
    const message = `${document.path}: cannot be read: ${document.readError ?? 'unknown error'}`;
    return { ...base, compiled: false, code: 'UNREADABLE', message, reason: 'cannot be read' };
  }
  if (!compile) {
    return { ...base, compiled: false, code: 'NOT_MEASURED', message: `${document.path}: no document compiler given` };
  }
  try {
    compile(document.path, document.xml);
    return { ...base, compiled: true };
  } catch (error) {
    return { ...base, compiled: false, ...describeFailure(error, undefined) };
  }
}

function describeFailure(
  error: unknown,
  prefix: string | undefined,
): Pick<CatalogueOutcome, 'code' | 'message' | 'reason'> {
  if (error instanceof GatewayConfigError) {
    const detail =
      prefix !== undefined && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    return { code: error.code, message: error.message, reason: reasonOf(detail) };
  }
  const message = `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  return { code: 'UNEXPECTED_ERROR', message, reason: message };
}

/** Drops the column hint and, for document messages, the `file:line <element> attribute "x" expression …:` prefix. */
function reasonOf(detail: string): string {
  const withoutColumn = detail.replace(/ \(at (line \d+, )?column \d+( of the expression)?\)$/, '');
  const afterExpression = withoutColumn.match(/ expression @[({][\s\S]*?[)}]: ([\s\S]*)$/);
  return (afterExpression ? afterExpression[1] : withoutColumn).trim();
}

function summarise(
  outcomes: readonly CatalogueOutcome[],
  compiledExpressions: ReadonlyMap<string, CompiledExpression>,
): CatalogueMeasurement {
  const expressions = outcomes.filter((outcome) => outcome.kind === 'expression');
  const accepted = expressions.filter((outcome) => outcome.expect === 'compiles');
  const refused = expressions.filter((outcome) => outcome.expect === 'refused');
  const loadable = outcomes
    .filter((outcome) => outcome.kind === 'document')
    .filter((outcome) => outcome.expect === 'compiles');
  const perFeature = CATALOGUE_FEATURES.map((feature): FeatureTally => {
    const has = (outcome: CatalogueOutcome) => outcome.features.includes(feature);
    return {
      feature,
      expressions: accepted.filter(has).length,
      expressionsCompiled: accepted.filter((outcome) => has(outcome) && outcome.compiled).length,
      documents: loadable.filter(has).length,
      documentsCompiled: loadable.filter((outcome) => has(outcome) && outcome.compiled).length,
    };
  });
  return {
    outcomes,
    expressions: { total: accepted.length, compiled: accepted.filter((outcome) => outcome.compiled).length },
    refusals: {
      total: refused.length,
      refusedAsUnsupported: refused.filter((outcome) => outcome.code === 'EXPRESSION_UNSUPPORTED').length,
    },
    documents: {
      total: loadable.length,
      compiled: loadable.filter((outcome) => outcome.compiled).length,
      refusedForExpression: loadable.filter((outcome) => outcome.code?.startsWith('EXPRESSION_')).length,
      refusedForElement: loadable.filter((outcome) => outcome.code === 'POLICY_UNKNOWN_ELEMENT').length,
    },
    perFeature,
    topReasons: topReasons(accepted.filter((outcome) => !outcome.compiled)),
    compiledExpressions,
  };
}

function topReasons(failures: readonly CatalogueOutcome[]): CatalogueMeasurement['topReasons'] {
  const byReason = new Map<string, string[]>();
  for (const failure of failures) {
    const reason = failure.reason ?? failure.message ?? 'no message';
    byReason.set(reason, [...(byReason.get(reason) ?? []), failure.id]);
  }
  return [...byReason]
    .map(([reason, ids]) => ({ reason, count: ids.length, ids }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
