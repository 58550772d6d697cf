// Loads Monaco's editor core and the features the editor uses (no bundled
// language services) and tells it where its one worker lives. Our DSL worker is
// started separately by worker/worker-client.ts. This module is reached only
// from the application chunk (boot.ts imports main.ts after sign-in).
//
// Features, instead of monaco-editor/features/register.all: completion
// (suggest + snippet), hover (Ctrl+K Ctrl+I), signature help (parameterHints),
// quick fixes (codeAction, Ctrl+.), find (Ctrl+F), go to line (Ctrl+G, with
// the command palette and its help), formatting, the diff editor of the
// history panel, folding, bracket matching, comments, clipboard, the context
// menu and the everyday editing commands (lines, words, multi-cursor,
// indentation, smart select, drag and drop, next problem). Left out: code
// lens, colour picker, inlay hints, inline completions, links, rename,
// references, symbols, sticky scroll, semantic tokens, unicode highlighting,
// linked editing, font zoom, GPU rendering and similar.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/dnd/register';
import 'monaco-editor/features/dropOrPasteInto/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/longLinesHelper/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/quickHelp/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
// The completion widget itself: register.all reached it only through inline completions.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/unusualLineTerminators/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/wordPartOperations/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = {
  getWorker(): Worker {
    return new EditorWorker();
  },
};

export { monaco };
export type Monaco = typeof monaco;
