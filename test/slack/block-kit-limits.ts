/**
 * Slack's Block Kit limits, written out independently of the renderer (Slack publishes no JSON schema
 * for Block Kit). The fake Slack runs every message and view it receives through these checks and
 * answers `invalid_blocks` on a break, as Slack does. Sources: https://api.slack.com/reference/block-kit
 */

type Json = Record<string, unknown>;
export type Surface = 'message' | 'modal' | 'home';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);

function textObject(
  problems: string[],
  where: string,
  value: unknown,
  max: number,
  types: string[] = ['plain_text', 'mrkdwn'],
): void {
  if (!isObj(value)) {
    problems.push(`${where}: text object missing`);
    return;
  }
  if (!types.includes(String(value.type))) problems.push(`${where}: text type ${String(value.type)} not allowed`);
  if (typeof value.text !== 'string' || value.text.length === 0) problems.push(`${where}: empty text`);
  if (len(value.text) > max) problems.push(`${where}: text ${len(value.text)} > ${max}`);
}

function button(problems: string[], where: string, el: Json, ids: Set<string>): void {
  textObject(problems, `${where}.text`, el.text, 75, ['plain_text']);
  if (typeof el.action_id === 'string') {
    if (el.action_id.length > 255) problems.push(`${where}: action_id > 255`);
    if (ids.has(el.action_id)) problems.push(`${where}: duplicate action_id ${el.action_id}`);
    ids.add(el.action_id);
  }
  if (len(el.value) > 2000) problems.push(`${where}: value > 2000`);
  if (len(el.url) > 3000) problems.push(`${where}: url > 3000`);
  if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') problems.push(`${where}: bad style`);
}

function block(problems: string[], where: string, b: Json, surface: Surface, blockIds: Set<string>): void {
  if (typeof b.block_id === 'string') {
    if (b.block_id.length > 255) problems.push(`${where}: block_id > 255`);
    if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id`);
    blockIds.add(b.block_id);
  }
  switch (b.type) {
    case 'header':
      textObject(problems, `${where}.text`, b.text, 150, ['plain_text']);
      return;
    case 'divider':
      return;
    case 'section': {
      if (b.text === undefined && b.fields === undefined) problems.push(`${where}: section without text or fields`);
      if (b.text !== undefined) textObject(problems, `${where}.text`, b.text, 3000);
      if (b.fields !== undefined) {
        if (!Array.isArray(b.fields) || b.fields.length === 0) problems.push(`${where}: empty fields`);
        else {
          if (b.fields.length > 10) problems.push(`${where}: ${b.fields.length} fields > 10`);
          b.fields.forEach((f, i) => {
            textObject(problems, `${where}.fields[${i}]`, f, 2000);
          });
        }
      }
      return;
    }
    case 'context': {
      const els = Array.isArray(b.elements) ? b.elements : [];
      if (els.length === 0 || els.length > 10)
        problems.push(`${where}: context needs 1–10 elements, has ${els.length}`);
      els.forEach((e, i) => {
        textObject(problems, `${where}.elements[${i}]`, e, 3000);
      });
      return;
    }
    case 'actions': {
      const els = Array.isArray(b.elements) ? b.elements : [];
      if (els.length === 0 || els.length > 25)
        problems.push(`${where}: actions needs 1–25 elements, has ${els.length}`);
      const ids = new Set<string>();
      els.forEach((e, i) => {
        if (!isObj(e) || e.type !== 'button') problems.push(`${where}.elements[${i}]: only buttons expected`);
        else button(problems, `${where}.elements[${i}]`, e, ids);
      });
      return;
    }
    case 'input': {
      if (surface !== 'modal') problems.push(`${where}: input blocks belong in modals`);
      textObject(problems, `${where}.label`, b.label, 2000, ['plain_text']);
      if (b.hint !== undefined) textObject(problems, `${where}.hint`, b.hint, 2000, ['plain_text']);
      const el = isObj(b.element) ? b.element : {};
      if (el.type !== 'plain_text_input') problems.push(`${where}: element ${String(el.type)} unexpected`);
      const max = typeof el.max_length === 'number' ? el.max_length : 3000;
      const min = typeof el.min_length === 'number' ? el.min_length : 0;
      if (max > 3000 || max < 1) problems.push(`${where}: max_length ${max} out of 1–3000`);
      if (min > 3000 || min > max) problems.push(`${where}: min_length ${min} out of range`);
      if (el.placeholder !== undefined)
        textObject(problems, `${where}.placeholder`, el.placeholder, 150, ['plain_text']);
      return;
    }
    default:
      problems.push(`${where}: block type ${String(b.type)} not expected from Hiroba`);
  }
}

/** Problems with a `blocks` array on a surface (50 blocks in a message, 100 in a modal or Home tab). */
export function blocksProblems(blocks: unknown, surface: Surface): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) problems.push(`${blocks.length} blocks > ${max}`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    if (!isObj(b)) problems.push(`blocks[${i}] is not an object`);
    else block(problems, `blocks[${i}]`, b, surface, blockIds);
  });
  return problems;
}

/** Problems with a view (`views.open`, `views.publish`). */
export function viewProblems(view: unknown): string[] {
  if (!isObj(view)) return ['view is not an object'];
  const problems: string[] = [];
  if (view.type === 'modal') {
    textObject(problems, 'title', view.title, 24, ['plain_text']);
    if (view.submit !== undefined) textObject(problems, 'submit', view.submit, 24, ['plain_text']);
    if (view.close !== undefined) textObject(problems, 'close', view.close, 24, ['plain_text']);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) problems.push('a modal with inputs needs submit');
  } else if (view.type !== 'home') problems.push(`view type ${String(view.type)} unexpected`);
  if (len(view.callback_id) > 255) problems.push('callback_id > 255');
  if (len(view.private_metadata) > 3000) problems.push('private_metadata > 3000');
  problems.push(...blocksProblems(view.blocks, view.type === 'modal' ? 'modal' : 'home'));
  return problems;
}
