import { Liquid, type Template } from 'liquidjs';
import { APIM_FILTERS, currencyFilter, dateFilter } from './liquid-filters';

/** Tags that read other templates from storage; APIM's Liquid has no file system, so they are refused at load. */
const FILE_TAGS = ['include', 'render', 'layout', 'block'];
/** Bounds on one render, so a template cannot hold a request or the process (liquidjs's limits). */
const RENDER_LIMIT_MS = 2_000;
const MEMORY_LIMIT = 16 * 1024 * 1024;

/**
 * A Liquid engine in APIM's dialect (DotLiquid, C# mode): only the documented filters, in PascalCase;
 * no tags that read files; variables read own properties only (no prototype members); output is not
 * HTML-escaped; a missing variable renders as nothing, as in DotLiquid.
 */
export function createLiquidEngine(now: () => number): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    jsTruthy: false,
    greedy: false,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    fs: NO_FILES,
    cache: false,
  });
  const builtIn = { ...engine.filters };
  for (const name of Object.keys(engine.filters)) delete engine.filters[name];
  for (const [name, liquidName] of Object.entries(APIM_FILTERS)) engine.registerFilter(name, builtIn[liquidName]);
  engine.registerFilter('Date', dateFilter(now));
  engine.registerFilter('Currency', currencyFilter);
  for (const tag of FILE_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(
          `the {% ${tag} %} tag reads other templates, which APIM's Liquid cannot; write the content inline`,
        );
      },
      render() {
        return '';
      },
    });
  }
  return engine;
}

/** Parses a template once, at load; throws liquidjs's parse error. */
export function parseLiquid(engine: Liquid, source: string): Template[] {
  return engine.parse(source);
}

const refuse = (): never => {
  throw new Error('APIM Liquid templates cannot read files');
};

/** A file system with nothing in it (liquidjs would otherwise read templates from the working directory). */
const NO_FILES = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => refuse(),
  readFileSync: () => refuse(),
  resolve: (_root: string, file: string) => file,
  dirname: () => '',
  sep: '/',
};
