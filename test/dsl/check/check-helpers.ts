// Helpers for checker tests: run the whole pipeline on policy text with the fixture vocabulary.
import { checkDocuments } from '../../../dsl/check/check-documents.js';
import type { PolicyModel, SourceDocument } from '../../../dsl/check/policy-model.js';
import { FIXTURE_VOCABULARY } from '../fixtures/vocabulary.fixture.js';

export function check(text: string, file = 'test.policy'): PolicyModel {
  return checkDocuments([{ file, text }], FIXTURE_VOCABULARY);
}

export function checkAll(docs: SourceDocument[]): PolicyModel {
  return checkDocuments(docs, FIXTURE_VOCABULARY);
}

/** One policy named "P" with the given body lines. */
export function policy(...body: string[]): string {
  return `policy "P" {\n${body.map((l) => `  ${l}`).join('\n')}\n}\n`;
}

export function codes(text: string): string[] {
  return check(text).diagnostics.map((d) => d.code);
}
