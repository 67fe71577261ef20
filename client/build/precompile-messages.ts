import { baseCompile, type CompileError } from '@intlify/message-compiler';
import { parseSync, type Plugin } from 'vite';

/**
 * The client's message files: `client/src/i18n/zh-CN.ts`, `en.ts`, and every `<name>.zh-CN.ts` / `<name>.en.ts`
 * (e.g. `i18n/cases.en.ts`, `features/tokens/messages.zh-CN.ts`). Each exports plain objects of messages only.
 */
export const MESSAGE_FILE = /[\\/]client[\\/]src[\\/](?:.+[\\/])?(?:[^\\/]+\.)?(?:zh-CN|en)\.ts$/;

interface Node { type: string; start: number; end: number; [key: string]: unknown }

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** The text of a string literal or of a template literal without expressions; undefined for anything else. */
function stringValue(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    return ((node.quasis as { value: { cooked: string } }[])[0]!).value.cooked;
  }
  return undefined;
}

/**
 * One message as vue-i18n's runtime evaluates it without its message compiler: the compiler's AST (JIT form,
 * optimised and minified), as `@intlify/unplugin-vue-i18n` writes it. Throws on a message the compiler refuses
 * (e.g. a bare `@`, which must be written `{'@'}`), which at run time would have shown as its raw text.
 */
export function compileMessage(message: string): object {
  const errors: CompileError[] = [];
  const { ast } = baseCompile(message, { jit: true, minify: true, location: false, onError: (error) => errors.push(error) });
  if (errors.length > 0) throw new Error(`message ${JSON.stringify(message)}: ${errors.map((e) => e.message).join('; ')}`);
  return ast;
}

/**
 * Rewrites a message module (JavaScript, or TypeScript with `lang: 'ts'`) so that every string value of its object
 * literals is that message's AST. Keys, imports and everything that is not a property value stay as they are.
 */
export function precompileMessageModule(code: string, file = 'messages.js', lang: 'js' | 'ts' = 'js'): string {
  const { program, errors } = parseSync(file, code, { lang, sourceType: 'module' });
  if (errors.length > 0) throw new Error(`${file}: ${errors[0]!.message}`);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: Node) => {
    if (node.type === 'Property' && isNode(node.value) && !node.computed) {
      const text = stringValue(node.value);
      if (text !== undefined) {
        const key = isNode(node.key) ? String(node.key.name ?? node.key.value) : '?';
        try {
          edits.push({ start: node.value.start, end: node.value.end, text: JSON.stringify(compileMessage(text)) });
        } catch (error) {
          throw new Error(`${file}, key ${key}: ${(error as Error).message}`, { cause: error });
        }
        return;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.filter(isNode).forEach(visit);
      else if (isNode(value)) visit(value);
    }
  };
  visit(program as unknown as Node);
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/**
 * Compiles the client's messages at build time, so that the production bundle leaves out vue-i18n's message
 * compiler (`__INTLIFY_DROP_MESSAGE_COMPILER__`, set with it in vite.config.ts): ~4 KB brotli off the app shell.
 * The message files stay plain strings in the sources, for the unit tests (happy-dom, no build), which compile them
 * at run time as the development server does.
 */
export function precompileMessages(): Plugin {
  return {
    name: 'qingbo-precompile-messages',
    apply: 'build',
    enforce: 'post',
    // the two go together: without its compiler, vue-i18n can only evaluate compiled messages
    config: () => ({ define: { __INTLIFY_DROP_MESSAGE_COMPILER__: true } }),
    transform: {
      filter: { id: MESSAGE_FILE },
      handler(code, id) {
        return { code: precompileMessageModule(code, id), map: null };
      },
    },
  };
}
