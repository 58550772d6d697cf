// Checks a policy text with the published library off the event loop: the
// library is read here, the check itself (a large or junk text takes seconds)
// runs in the heavy-work pool, with its time budget, queue bound and
// cancellation, so health and other users keep being answered.
import { Injectable } from '@nestjs/common';
import { HeavyWorkService } from '../simulation/heavy-work.service.js';
import { type PositionedDiagnostic, PolicyLibraryService } from './policy-library.service.js';

@Injectable()
export class PolicyCheckService {
  constructor(
    private readonly library: PolicyLibraryService,
    private readonly heavy: HeavyWorkService,
  ) {}

  /** The document's diagnostics (with line/column), checked with the other documents' published versions. */
  async check(doc: { id?: string; name: string; source: string }, signal?: AbortSignal): Promise<PositionedDiagnostic[]> {
    const library = await this.library.libraryAround(doc);
    return this.heavy.run<PositionedDiagnostic[]>({ kind: 'check', library, doc: { name: doc.name, source: doc.source } }, 'check', signal);
  }

  /** Each document checked with the published versions of the others (the documents list), in one heavy job. */
  async checkEach(docs: readonly { id: string; name: string; source: string }[], signal?: AbortSignal): Promise<PositionedDiagnostic[][]> {
    if (docs.length === 0) return [];
    const published = await this.library.publishedDocuments();
    return this.heavy.run<PositionedDiagnostic[][]>({ kind: 'check-each', published, docs }, 'check', signal);
  }
}
