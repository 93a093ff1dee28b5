import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Issue 10 §6: no late-bound wiring in the composition root. Every part `startHiroba` builds is a
 * `const` made after what it uses (the job thread before the core, the core before the scheduler,
 * settings changes announced through a listener), so no `let` waits there to be filled in later.
 */
function lateBindings(file: string, text: string, fn: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const inside = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Let) !== 0) {
      for (const declaration of node.declarations) {
        const { line } = source.getLineAndCharacterOfPosition(declaration.getStart(source));
        found.push(`${file}:${line + 1}: let ${declaration.name.getText(source)}`);
      }
    }
    ts.forEachChild(node, inside);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === fn) inside(node);
    else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('main.ts wires each part once, after what it uses', () => {
  it('the checker finds a part assigned after the core was built', () => {
    const sample = `export async function startHiroba() {
      let jobs = new Map();
      const core = createCore({ runJob: (name) => jobs.get(name) });
      jobs = registry(core);
    }`;
    expect(lateBindings('sample.ts', sample, 'startHiroba')).toEqual(['sample.ts:2: let jobs']);
  });

  it('startHiroba has no let', () => {
    const path = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('export async function startHiroba(');
    expect(lateBindings('src/main.ts', text, 'startHiroba')).toEqual([]);
  });
});
