import { CommandRegistry } from './command-registry.js';
import { auditCommands } from './defs/audit.js';
import { channelCommands } from './defs/channels.js';
import { confirmCommands } from './defs/confirm.js';
import { dashboardCommands } from './defs/dashboard.js';
import { digestCommands } from './defs/digest.js';
import { forgetCommands } from './defs/forget.js';
import { helpCommands } from './defs/help.js';
import { inactiveCommands } from './defs/inactive.js';
import { personalCommands } from './defs/personal.js';
import { profileFieldCommands } from './defs/profile-fields.js';
import { promptCommands } from './defs/prompt.js';
import { purposeRulesCommands } from './defs/purpose-rules.js';
import { reachCommands } from './defs/reach.js';
import { retentionCommands } from './defs/retention.js';
import { roleCommands } from './defs/role.js';
import { rolloutCommands } from './defs/rollout.js';
import { scheduleCommands } from './defs/schedule.js';
import { statsCommands } from './defs/stats.js';
import { switchCommands } from './defs/switches.js';

/**
 * Every command Hiroba understands, in the order `help` lists them within each role's section.
 *
 * ## Adding a command
 * 1. Write `src/core/commands/defs/<family>.ts` (or add to an existing family) exporting an array of
 *    `defineCommand({...})`:
 *    - `id`: the words joined with dots (`audit.show`); stable, used by tests and confirmations;
 *    - `words`: the canonical English words that choose it (`['audit', 'show']`); a second word
 *      already in `aliases.ts` (`show`, `add`, `remove`, …) brings its Japanese forms with it;
 *    - `aliases`: the other forms of the command's own words, Japanese first (`{ audit: ['監査'] }`);
 *      a form that would mean two words stops the registry at load (a test runs it);
 *    - `isDefault`: runs when the words before the last are typed alone (`purpose` → `purpose show`);
 *    - `args`: a zod schema of the arguments, and `read` (see `arguments.ts`) to read them from
 *      the words; the handler gets exactly what the schema outputs;
 *    - `role`: the least role that may run it (`member`, `manager`, `ops`, `admin`); the
 *      dispatcher refuses anyone below, and `help` shows it to no one below;
 *    - `help`: the catalogue keys of its help lines (`commands.line.*`), each optionally for a
 *      higher role than the command's (a manager-only form);
 *    - `handler(ctx, args)`: returns the reply `Message`; `preview(ctx, args)` as well for a command
 *      that messages many people: then nothing runs before the caller confirms.
 * 2. Add the family's array to `COMMANDS` below (one line).
 * 3. Add the help line and the reply texts to `src/core/i18n/ja/*.ts` and `en/*.ts` (parity is tested).
 * Nothing else: the parser, `help`, usage messages, "did you mean", the role check and the
 * dispatcher all read this list. A command that is not built is not listed, and so is never advertised.
 */
export const COMMANDS = [
  ...helpCommands,
  ...purposeRulesCommands,
  ...statsCommands,
  ...personalCommands,
  ...channelCommands,
  ...digestCommands,
  ...inactiveCommands,
  ...reachCommands,
  ...dashboardCommands,
  ...profileFieldCommands,
  ...rolloutCommands,
  ...scheduleCommands,
  ...promptCommands,
  ...confirmCommands,
  ...switchCommands,
  ...roleCommands,
  ...retentionCommands,
  ...forgetCommands,
  ...auditCommands,
];

/** The registry the service uses. */
export function createCommandRegistry(): CommandRegistry {
  return new CommandRegistry(COMMANDS);
}
