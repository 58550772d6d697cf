// The glue between stored policy documents and the engine: builds the
// vocabulary registry from the project config, checks drafts together with the
// rest of the library, and compiles published (or draft-applied) policy sets
// with their versions, for simulations, impact and billing runs.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PolicyModel, SourceDocument } from '../../dsl/check/policy-model.js';
import type { Diagnostic } from '../../dsl/diagnostics/diagnostic-types.js';
import { LineIndex } from '../../dsl/spans/spans.js';
import type { CompiledPolicySet } from '../../engine/evaluate/compile-policies.js';
import type { VocabularyManifest } from '../../engine/vocabulary/vocabulary-manifest.js';
import type { Registry } from '../../engine/vocabulary/registry.js';
import { UnprocessableProblem } from '../common/problem.js';
import { APP_OPTIONS, type AppOptions } from '../server/app-options.js';
import { loadEngine } from './engine-port.js';
import { policyChecksum } from './policy-checksum.js';
import { PoliciesRepository, type PublishedDocument } from './policies.repository.js';
import { assertProjectLoaded } from '../config/load-project.js';
import { loadProjectContext, type ProjectContext } from './project-config.js';

/** A published version a run or simulation used (recorded on billing runs). */
export interface PolicyVersionRef {
  /** Policy document id. */
  readonly document: string;
  /** Document (file) name, e.g. `holds.policy`. */
  readonly name: string;
  readonly version: number;
  readonly checksum: string;
}

export interface LibraryDocument {
  /** Document id, when stored. */
  readonly id?: string;
  /** File name; diagnostics carry it as `file`. */
  readonly name: string;
  readonly source: string;
  /** Published version number (traces say `policy@v<n>`). */
  readonly version?: number;
}

export interface CompiledLibrary {
  readonly set: CompiledPolicySet;
  readonly registry: Registry;
  readonly model: PolicyModel;
  readonly versions: readonly PolicyVersionRef[];
}

/** Diagnostic plus 1-based line/column of its start and end (for clients without a span converter). */
export interface PositionedDiagnostic extends Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Adds line/column to diagnostics. One line index per file, built once (the
 * shared `spans` LineIndex), so the cost is linear in text + diagnostics.
 */
export function positionDiagnostics(diags: readonly Diagnostic[], textOf: (file: string | undefined) => string | undefined): PositionedDiagnostic[] {
  const indexes = new Map<string | undefined, LineIndex>();
  const indexFor = (file: string | undefined): LineIndex => {
    let index = indexes.get(file);
    if (!index) {
      index = new LineIndex(textOf(file) ?? '');
      indexes.set(file, index);
    }
    return index;
  };
  return diags.map((d) => {
    const index = indexFor(d.file);
    const a = index.positionAt(d.span.start);
    const b = index.positionAt(d.span.end);
    return { ...d, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  });
}

const CACHE_LIMIT = 16;

@Injectable()
export class PolicyLibraryService {
  private readonly logger = new Logger('PolicyLibrary');
  private project?: Promise<ProjectContext>;
  private readonly compiled = new Map<string, Promise<CompiledLibrary>>();

  constructor(
    private readonly repo: PoliciesRepository,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  projectContext(): Promise<ProjectContext> {
    // A config or plugin that fails to load rejects every use (the server
    // refuses to start, see start-server.ts): never bill without a word.
    this.project ??= loadProjectContext({ configPath: this.options.configPath, cwd: this.options.cwd }).then((p) => {
      assertProjectLoaded(p);
      for (const d of p.diagnostics) this.logger.warn(`${d.file ?? p.configPath ?? 'config'}: ${d.severity} ${d.code} ${d.message}`);
      return p;
    });
    return this.project;
  }

  async registry(): Promise<Registry> {
    return (await this.projectContext()).registry;
  }

  async manifest(): Promise<VocabularyManifest> {
    return (await this.registry()).manifest();
  }

  /** Checks documents as one library (policy names unique across them). */
  async check(docs: readonly LibraryDocument[]): Promise<PolicyModel> {
    const engine = await loadEngine();
    const registry = await this.registry();
    const sources: SourceDocument[] = docs.map((d) => ({ file: d.name, text: d.source }));
    return engine.checkWithWords(sources, registry);
  }

  /**
   * Checks one document's text together with the other documents' published
   * texts (the library it would join). Returns the diagnostics of that document
   * with positions, plus the library's other diagnostics that point into it.
   */
  async checkWithLibrary(doc: { id?: string; name: string; source: string }): Promise<PositionedDiagnostic[]> {
    return this.checkAmong(await this.libraryAround(doc), doc);
  }

  /** The other documents' published versions, the library a document joins (what checkWithLibrary checks it with). */
  async libraryAround(doc: { id?: string; name: string }): Promise<LibraryDocument[]> {
    return (await this.repo.publishedDocuments()).filter((p) => p.documentId !== doc.id && p.name !== doc.name).map(toLibraryDoc);
  }

  /** Checks a document together with `others` (no database): its diagnostics with positions. */
  async checkAmong(others: readonly LibraryDocument[], doc: { name: string; source: string }): Promise<PositionedDiagnostic[]> {
    const model = await this.check([...others, { name: doc.name, source: doc.source }]);
    const mine = model.diagnostics.filter((d) => d.file === undefined || d.file === doc.name);
    return positionDiagnostics(mine, () => doc.source);
  }

  /** The published documents with their sources, by name. */
  async publishedSources(): Promise<{ documents: { id: string; name: string; version: number; source: string }[] }> {
    const docs = await this.repo.publishedDocuments();
    return { documents: docs.map((d) => ({ id: d.documentId, name: d.name, version: d.version, source: d.source })) };
  }

  /** Published versions in force now. */
  async currentVersions(): Promise<PolicyVersionRef[]> {
    return (await this.repo.publishedDocuments()).map(toRef);
  }

  /** The published library compiled (cached by the versions it contains). */
  async publishedLibrary(): Promise<CompiledLibrary> {
    return this.compileDocuments((await this.repo.publishedDocuments()).map(toLibraryDoc));
  }

  /** Exactly these versions (a billing run's recorded versions), compiled. */
  async libraryFor(versions: readonly PolicyVersionRef[]): Promise<CompiledLibrary> {
    const docs: LibraryDocument[] = [];
    for (const v of versions) {
      const row = await this.repo.findVersion(v.document, v.version);
      if (!row) throw new UnprocessableProblem(`policy version ${v.name} v${v.version} does not exist`);
      docs.push({ id: v.document, name: v.name, source: row.source, version: v.version });
    }
    return this.compileDocuments(docs);
  }

  /** The published library with drafts applied (replacing a document by id or name, or added). */
  async libraryWithDrafts(drafts: readonly { id?: string; name: string; source: string }[]): Promise<CompiledLibrary> {
    return this.compileDocuments(await this.documentsWithDrafts(drafts));
  }

  /** The current published documents with their sources (what publishedLibrary compiles). */
  async publishedDocuments(): Promise<LibraryDocument[]> {
    return (await this.repo.publishedDocuments()).map(toLibraryDoc);
  }

  /** The documents libraryWithDrafts compiles. */
  async documentsWithDrafts(drafts: readonly { id?: string; name: string; source: string }[]): Promise<LibraryDocument[]> {
    const published = await this.publishedDocuments();
    const replaced = new Set<string>();
    for (const d of drafts) {
      for (const p of published) if ((d.id && p.id === d.id) || p.name === d.name) replaced.add(p.name);
    }
    return [...published.filter((p) => !replaced.has(p.name)), ...drafts.map((d) => ({ id: d.id, name: d.name, source: d.source }))];
  }

  /** Documents whose draft differs from their published version (or was never published). */
  async changedDrafts(): Promise<{ id: string; name: string; source: string }[]> {
    const docs = await this.repo.listDocuments();
    return docs.filter((d) => d.status !== 'published').map((d) => ({ id: d.id, name: d.name, source: d.draftSource }));
  }

  /** Checks and compiles; a library with errors is refused (422) with its diagnostics. */
  async compileDocuments(docs: readonly LibraryDocument[]): Promise<CompiledLibrary> {
    const key = JSON.stringify(docs.map((d) => [d.name, d.version ?? null, d.version === undefined ? d.source : null]));
    let hit = this.compiled.get(key);
    if (!hit) {
      hit = this.build(docs);
      hit.catch(() => this.compiled.delete(key));
      this.compiled.set(key, hit);
      if (this.compiled.size > CACHE_LIMIT) this.compiled.delete(this.compiled.keys().next().value as string);
    }
    return hit;
  }

  private async build(docs: readonly LibraryDocument[]): Promise<CompiledLibrary> {
    const engine = await loadEngine();
    const registry = await this.registry();
    const model = await this.check(docs);
    if (model.hasErrors) {
      const texts = new Map(docs.map((d) => [d.name, d.source]));
      const errors = positionDiagnostics(
        model.diagnostics.filter((d) => d.severity === 'error'),
        (f) => (f ? texts.get(f) : undefined),
      );
      throw new UnprocessableProblem(
        `the policies have ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors
          .slice(0, 3)
          .map((e) => `${e.file ?? ''}:${e.line}:${e.column} ${e.code} ${e.message}`)
          .join('; ')}`,
        errors,
      );
    }
    const docVersion = new Map(docs.map((d) => [d.name, d.version]));
    const versions: Record<string, number> = {};
    for (const p of model.policies) {
      const v = docVersion.get(p.file);
      if (v !== undefined) versions[p.name] = v;
    }
    const set = engine.compilePolicies(model, registry, { versions });
    const refs = docs
      .filter((d): d is LibraryDocument & { id: string; version: number } => d.id !== undefined && d.version !== undefined)
      .map((d) => ({ document: d.id, name: d.name, version: d.version, checksum: policyChecksum(d.source) }));
    return { set, registry, model, versions: refs };
  }
}

function toLibraryDoc(p: PublishedDocument): LibraryDocument {
  return { id: p.documentId, name: p.name, source: p.source, version: p.version };
}

function toRef(p: PublishedDocument): PolicyVersionRef {
  return { document: p.documentId, name: p.name, version: p.version, checksum: p.checksum };
}
