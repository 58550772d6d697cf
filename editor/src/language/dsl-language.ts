// Registers the policy DSL with Monaco: tokens, brackets, comments, completion,
// hover, signature help, quick fixes and document formatting (the dsl printer,
// run in the worker). The vocabulary is read at request time, so a manifest
// loaded after registration is picked up.
import { monaco } from '../monaco/monaco-setup.js';
import type { EditorVocabulary } from '../vocabulary/editor-vocabulary.js';
import type { DslWorkerClient } from '../worker/worker-client.js';
import { provideCodeActions } from './code-actions.js';
import { provideCompletions } from './completion.js';
import { provideHover } from './hover.js';
import { languageConfiguration, monarchTokens, monarchTokensFor } from './monarch-tokens.js';
import { provideSignatureHelp } from './signature-help.js';

export const LANGUAGE_ID = 'proviso';

let registered = false;

export function registerDslLanguage(deps: { vocabulary: () => EditorVocabulary; worker: DslWorkerClient }): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.policy'], aliases: ['Proviso policy', 'proviso'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, monarchTokens);
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ['.', ' ', '"', '['],
    provideCompletionItems: (model, position, context) => ({
      suggestions: provideCompletions(deps.vocabulary(), model, position, context.triggerCharacter),
    }),
  });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover: (model, position) => provideHover(deps.vocabulary(), model, position),
  });
  monaco.languages.registerSignatureHelpProvider(LANGUAGE_ID, {
    signatureHelpTriggerCharacters: ['(', ','],
    signatureHelpRetriggerCharacters: [','],
    provideSignatureHelp: (model, position) => provideSignatureHelp(deps.vocabulary(), model, position),
  });
  monaco.languages.registerCodeActionProvider(
    LANGUAGE_ID,
    { provideCodeActions: (model, _range, context) => provideCodeActions(deps.worker, model, context) },
    { providedCodeActionKinds: ['quickfix'] },
  );
  monaco.languages.registerDocumentFormattingEditProvider(LANGUAGE_ID, {
    displayName: 'Proviso formatter',
    provideDocumentFormattingEdits: async (model) => {
      const r = await deps.worker.format(model.getValue());
      if (r.text === undefined || r.text === model.getValue()) return [];
      return [{ range: model.getFullModelRange(), text: r.text }];
    },
  });
}

/** Re-colours with the vocabulary's words (call after a manifest loads): a
 * plugin's operator, function, proration method or rounding mode is
 * highlighted like a built-in one. Monaco re-tokenizes open models. */
export function highlightVocabulary(vocab: EditorVocabulary): void {
  monaco.languages.setMonarchTokensProvider(
    LANGUAGE_ID,
    monarchTokensFor({
      operators: vocab.operators.map((o) => o.name),
      functions: vocab.functions.map((f) => f.name),
      methods: [...vocab.prorationMethods, ...vocab.roundingModes].map((m) => m.name),
    }),
  );
}
