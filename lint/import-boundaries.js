// ESLint rule `proviso/import-boundaries`: the dependency direction of
// ARCHITECTURE.md, checked on every import, re-export and dynamic import.
// A relative import is resolved against the importing file and judged by the
// top folder it lands in; a bare import is judged by its package name.
//
//   dsl/     imports nothing of ours, no Node module (it runs in the browser)
//   engine/  imports dsl/ only; no Node module, no NestJS/Prisma/database client
//   editor/  imports dsl/ only; no Node module
//   rules/   (sample plugins) import nothing of ours but the plugin kit
//   api/     may import engine/ and dsl/
//   nothing imports api/ except test/ and bench/ (bench is not product code)
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const SERVER_PACKAGES = /^(@nestjs\/|@prisma\/|prisma$|pg$|@electric-sql\/|pglite-prisma-adapter$|express$|reflect-metadata$)/;

/** Top folders of ours each layer may import (its own folder always allowed). */
const LAYERS = {
  dsl: { ours: [], node: false, server: false },
  engine: { ours: ['dsl'], node: false, server: false },
  editor: { ours: ['dsl'], node: false, server: false },
  rules: { ours: ['engine/plugin'], node: true, server: false },
  api: { ours: ['dsl', 'engine'], node: true, server: true },
};
const OUR_TOP_FOLDERS = new Set(['dsl', 'engine', 'editor', 'api', 'rules', 'test', 'bench', 'scripts', 'lint']);

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer import boundaries of ARCHITECTURE.md' },
    schema: [],
    messages: {
      ours: '{{layer}}/ may not import {{target}}/ ("{{source}}"): {{why}}.',
      node: '{{layer}}/ may not import the Node module "{{source}}": {{layer}}/ must also run in the browser.',
      server: '{{layer}}/ may not import the server package "{{source}}": only api/ talks to NestJS, Prisma and the database.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    const layerName = file.split('/')[0];
    // editor/vite.config.ts is a Node build script, not browser code.
    const layer = layerName === 'editor' && !file.startsWith('editor/src/') ? undefined : LAYERS[layerName];
    if (!layer) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = relative(root, resolve(dirname(context.filename), source)).split(sep).join('/');
        const top = target.split('/')[0];
        if (top === layerName || !OUR_TOP_FOLDERS.has(top)) return;
        if (layer.ours.some((ok) => target === ok || target.startsWith(`${ok}/`))) return;
        const why = top === 'api' ? 'nothing imports api/' : `${layerName}/ may import ${layer.ours.length ? layer.ours.map((o) => `${o}/`).join(', ') : 'nothing of ours'}`;
        context.report({ node, messageId: 'ours', data: { layer: layerName, target: top, source, why } });
        return;
      }
      if (!layer.node && (source.startsWith('node:') || NODE_BUILTINS.has(source.replace(/\/.*$/, '')))) {
        context.report({ node, messageId: 'node', data: { layer: layerName, source } });
        return;
      }
      if (!layer.server && SERVER_PACKAGES.test(source)) {
        context.report({ node, messageId: 'server', data: { layer: layerName, source } });
      }
    };
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const arg = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source;
        if (arg && arg.type === 'Literal') check(arg, arg.value);
      },
    };
  },
};
