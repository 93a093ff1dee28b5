import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The dependency rule: the domain (src/core) imports no infrastructure, no SDK and no environment.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = join(root, 'src', 'core');

const FORBIDDEN_PACKAGES = [
  /^@slack\//u,
  /^botbuilder/u,
  /^better-sqlite3$/u,
  /^pg(-.*)?$/u,
  /^node-cron$/u,
  /^express$/u,
  /^node:async_hooks$/u,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/u.test(entry.name) ? [path] : [];
  });
}

/** Every rule broken by one file of src/core, as `path:line: reason`. */
function violations(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (node: ts.Node, reason: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${relative(root, file)}:${line + 1}: ${reason}`);
  };
  const checkSpecifier = (node: ts.Node, specifier: string): void => {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (target !== coreDir && !target.startsWith(coreDir + sep)) {
        at(node, `imports ${specifier}, outside src/core (${relative(root, target)})`);
      }
    } else if (FORBIDDEN_PACKAGES.some((pattern) => pattern.test(specifier))) {
      at(node, `imports the package ${specifier}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const first = node.arguments[0];
      if ((isDynamicImport || isRequire) && first !== undefined && ts.isStringLiteralLike(first))
        checkSpecifier(node, first.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      checkSpecifier(node, node.argument.literal.text);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'env' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process'
    ) {
      at(node, 'reads process.env (take the value as a parameter; only src/main.ts reads the environment)');
    } else if (node.kind === ts.SyntaxKind.AnyKeyword) {
      at(node, 'uses the type any');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('architecture: src/core depends on nothing outside the domain', () => {
  const files = sourceFiles(coreDir);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('has no import of infrastructure, SDKs or the environment, and no any', () => {
    const found = files.flatMap((file) => violations(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the checker itself catches each kind of violation', () => {
    const file = join(coreDir, 'programs', 'example.ts');
    const text = [
      "import { openStore } from '../../store/index.js';",
      "import type { App } from '@slack/bolt';",
      "import { CloudAdapter } from 'botbuilder';",
      "import Database from 'better-sqlite3';",
      "import pg from 'pg';",
      "export { schedule } from 'node-cron';",
      "const express = await import('express');",
      "import { runDemo } from '../../demo/run-demo.js';",
      "import { x } from '../../memory/memory-platform.js';",
      "import { y } from '../../scheduler/index.js';",
      "import { z } from '../../teams/bot.js';",
      'const tz = process.env.TZ;',
      'let a: any = 1;',
      'const b = tz as any;',
      "import { t } from '../i18n/index.js';",
      "import { z as zod } from 'zod';",
      '// process.env and : any in a comment are fine',
    ].join('\n');
    const found = violations(file, text);
    expect(found).toHaveLength(14);
    expect(found[0]).toBe(
      'src/core/programs/example.ts:1: imports ../../store/index.js, outside src/core (src/store/index.js)',
    );
    expect(found.filter((line) => line.includes('process.env'))).toHaveLength(1);
    expect(found.filter((line) => line.endsWith('uses the type any'))).toHaveLength(2);
  });
});

// The dependency rule for outer layers: the scheduler, the adapters, the store, the CLI, the demo and
// main.ts use the core's public surface only, never its internals (programs, service, commands, …).
const srcDir = join(root, 'src');
const CORE_PUBLIC = new Set(
  ['index.ts', 'ports.ts', 'types.ts', 'message.ts', 'time.ts', 'service.ts', join('i18n', 'index.ts')].map((f) =>
    join(coreDir, f),
  ),
);

/** Every import of a core internal by one file outside src/core, as `path:line: reason`. */
function internalImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const specifier = node.moduleSpecifier.text;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/u, '.ts');
        if (target.startsWith(coreDir + sep) && !CORE_PUBLIC.has(target)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${relative(root, file)}:${line + 1}: imports the core internal ${relative(root, target)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('architecture: outer layers use the core through its public surface', () => {
  const outer = sourceFiles(srcDir).filter((file) => !file.startsWith(coreDir + sep));

  it('finds the outer sources', () => {
    expect(outer.length).toBeGreaterThan(20);
  });

  it('imports no core internal from the scheduler, adapters, store, CLI, demo or main.ts', () => {
    const found = outer.flatMap((file) => internalImports(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the checker itself catches an internal import and lets the public surface through', () => {
    const file = join(srcDir, 'scheduler', 'example.ts');
    const text = [
      "import { nextNudge } from '../core/service/nudges.js';",
      "import { nudge } from '../core/programs/index.js';",
      "import { PROGRAM_JOB_LIST } from '../core/index.js';",
      "import type { Workspace } from '../core/types.js';",
      "import { t } from '../core/i18n/index.js';",
    ].join('\n');
    expect(internalImports(file, text)).toEqual([
      'src/scheduler/example.ts:1: imports the core internal src/core/service/nudges.ts',
      'src/scheduler/example.ts:2: imports the core internal src/core/programs/index.ts',
    ]);
  });
});
