import type { commands as ja } from '../ja/commands.js';

/** English text: commands. Same keys as the Japanese catalogue. */
export const commands: Record<keyof typeof ja, string> = {
  // help
  'commands.help.title': 'Hiroba commands',
  'commands.help.section.member': 'Everyone',
  'commands.help.section.manager': 'Managers',
  'commands.help.section.ops': 'Ops',
  'commands.help.section.admin': 'Admins',
  'commands.usage.title': 'How to use {command}',

  // one line per command form: words, then what it does
  'commands.line.help': 'help: the commands you can use',
  'commands.line.purposeShow': 'purpose show: the purpose of our internal network',
  'commands.line.purposeSet': 'purpose set <text>: set the purpose (shown in reminders and welcome messages)',
  'commands.line.rulesShow': 'rules show: the posting rules',
  'commands.line.rulesSet': 'rules set <text>: set the posting rules',
  'commands.line.statsOwn': 'stats: your own participation score and what it is made of',
  'commands.line.statsFiscalYear':
    'stats --fiscal-year: this fiscal year (April to March); combine it with a member or a department',
  'commands.line.optout': 'optout: stop prompts and nudges from Hiroba',
  'commands.line.optin': 'optin: receive them again',
  'commands.line.language': 'language ja|en: the language Hiroba uses with you',
  'commands.line.channelsList': 'channels list: the channels whose activity counts',
  'commands.line.channelsAdd':
    'channels add <#channel>: count a channel (leave the channel out when you type it in that channel)',
  'commands.line.channelsRemove':
    'channels remove <#channel>: stop counting a channel (the channel may be left out there too)',
  'commands.line.digestChannel':
    'digest channel <#channel>: where the weekly digest is posted (the channel may be left out there too)',
  'commands.line.digestPreview': "digest preview: this week's digest, shown only to you",
  'commands.line.profileFieldsShow':
    'profile-fields show: the Slack profile fields department, location and manager are read from',
  'commands.line.profileFieldsSet':
    'profile-fields set department|location|manager <field>: read it from a Slack custom profile field (its label or id); clear to stop',
  'commands.missing.field': 'Please say department, location or manager.',
  'commands.invalid.field': '"{detail}" cannot be mapped. Please say department, location or manager.',
  'commands.line.dashboard': 'dashboard: a sign-in link to the web dashboard, for you alone (one use, 15 minutes)',
  'commands.line.reach': 'reach: how many members Hiroba can message, and how many it cannot',
  'commands.line.rolloutStatus':
    'rollout status: the rollout phase, the pilot against everyone else, and whether the pilot is ready for the next phase',
  'commands.line.rolloutReadiness':
    'rollout readiness [participation 40%] [reach 60%] [cross 20%] [stories 3]: show or set when the pilot is ready for the next phase (default puts the thresholds back)',
  'commands.line.rolloutPilot': 'rollout pilot add|remove <@member>: change the pilot group',
  'commands.line.scheduleShow': 'schedule show: when each job runs',
  'commands.line.moderation': 'moderation on|off: hold stories for ops review before they are posted',
  'commands.line.privacy': "privacy manager-names on|off: show members' names in manager reports",
  'commands.line.role': 'role grant|revoke ops|admin <@member>: give or take away a role (the last admin stays)',

  // errors: what went wrong and how to fix it
  'commands.error.unknown': 'There is no command "{word}".',
  'commands.error.unknownSub': '{command} has no "{word}".',
  'commands.error.tooLong': 'Please keep it to {max} characters (this was {length}).',
  'commands.missing.subcommand': 'Please say what to do after {command}.',
  'commands.missing.channel': 'Please name the channel as #channel, or type the command inside that channel.',
  'commands.missing.department': 'Please give the department name.',
  'commands.missing.job': 'Please give the job name: one of {jobs}.',
  'commands.missing.cron': 'Please give a cron expression after the job name (e.g. 0 16 * * 5 is Fridays at 16:00).',
  'commands.missing.text': 'Please type the text after the command.',
  'commands.missing.locale': 'Please give the language: ja (Japanese) or en (English).',
  'commands.missing.switch': 'Please say on or off.',
  'commands.missing.kind': 'Please say story or idea.',
  'commands.missing.extra': 'Something is missing.',
  'commands.invalid.subcommand': '{command} has no "{detail}".',
  'commands.invalid.channel': '"{detail}" is not a channel. Please name it as #channel.',
  'commands.invalid.department': '"{detail}" cannot be used as a department name.',
  'commands.invalid.job': 'There is no job "{detail}". The jobs are {jobs}.',
  'commands.invalid.cron':
    'The cron expression "{detail}" is not valid: give 5 fields (minute hour day month weekday) separated by spaces (e.g. 0 16 * * 5).',
  'commands.invalid.text': 'The text "{detail}" cannot be used.',
  'commands.invalid.locale': '"{detail}" is not available. Please say ja (Japanese) or en (English).',
  'commands.invalid.switch': '"{detail}" is neither on nor off. Please say on or off.',
  'commands.invalid.kind': '"{detail}" is not a prompt kind. Please say story or idea.',
  'commands.invalid.extra': '"{detail}" is not needed here. Please remove it and try again.',

  // directory import (npx hiroba import-directory): one reason per rejected row
  'commands.directory.noHeader':
    'The header row is missing {columns}. The first line must name the columns: email,name,department,location,manager_email,executive.',
  'commands.directory.unclosedQuote': 'A double quote (") opened on this line is never closed: check the quotes.',
  'commands.directory.emailMissing': 'email is empty.',
  'commands.directory.emailInvalid': 'email "{value}" is not an email address.',
  'commands.directory.nameMissing': 'name is empty.',
  'commands.directory.tooLong': '{column} is longer than {max} characters.',
  'commands.directory.executiveInvalid': 'executive "{value}" must be true/false, 1/0 or yes/no.',
  'commands.directory.managerInvalid': 'manager_email "{value}" is not an email address.',
  'commands.directory.managerSelf': "manager_email is the member's own email.",
  'commands.directory.duplicate': 'email {email} already appears on line {first}; keep one line per member.',
  'commands.directory.managerUnknown':
    'manager_email {email} is not in the directory; the member was imported without a manager. Add a line for the manager and import again.',
  'commands.directory.managerCycle':
    'manager_email {email} would make a reporting cycle ({chain}); the member was imported without a manager.',
  'commands.help.intro.slack': 'Type these after /hiroba.',
  'commands.help.intro.teams':
    'In a channel, type these after @Hiroba; in your chat with Hiroba, type them as they are.',
  'commands.usage.more': 'Type {cmd} help to see every command you can use.',
  'commands.error.empty': 'No command was given.',
  'commands.error.didYouMean': 'Did you mean "{suggestion}"?',
  'commands.line.statsMember': "stats <@member, name or email>: a member's score (managers: people who report to you)",
  'commands.line.statsDepartment':
    "stats <department or location>: a department's or a site's figures (the start of the name is enough; managers: only groups made of people who report to you)",
  'commands.line.rolloutDepartments':
    'rollout departments add|remove <department>: add a department to the rollout or take it out (you see who is concerned first)',
  'commands.line.rolloutAdvance':
    'rollout advance: move to the next phase (pilot → departments → company; you see who is concerned first)',
  'commands.line.digestSend':
    "digest send: post this week's digest now (after you confirm; never twice for the same week)",
  'commands.line.prompt':
    'prompt story|idea <@member, department or location>: ask for a story or an idea now; you first see who gets it and who is skipped, and confirm',
  'commands.line.scheduleSet': 'schedule set <job> <cron>: change when a job runs, e.g. schedule set digest 0 16 * * 5',
  'commands.missing.page': 'Please give a page number after page (e.g. inactive page 2).',
  'commands.invalid.page': '"{detail}" is not a page number. Please give a number from 1.',
  'commands.missing.threshold': 'Please give a value after "{detail}" (e.g. participation 40%, stories 3).',
  'commands.invalid.threshold':
    '"{detail}" is not a threshold. Give each threshold once, as a name and a value: participation, reach (reactions included) and cross (across departments) as a whole percent from 0 to 100, stories as a whole number from 0 to 1000 (e.g. rollout readiness participation 40% stories 3).',
  'commands.missing.member': 'Please name the member with an @mention, their name or their email.',
  'commands.missing.target': 'Please name a member (@mention, name or email), a department or a location.',
  'commands.invalid.member': '"{detail}" is not a member. Please use an @mention, a name or an email.',
  'commands.invalid.target':
    '"{detail}" is not a member. Please use an @mention, an email, a department or a location.',
  'commands.missing.role': 'Please give the role: ops or admin.',
  'commands.invalid.role': '"{detail}" is not a role you can give. Please say ops or admin.',
  'commands.job.purpose-reminder': 'purpose reminder',
  'commands.job.story-prompts': 'story requests',
  'commands.job.idea-call': 'idea call',
  'commands.job.digest': 'weekly digest',
  'commands.job.manager-reports': 'manager reports',
  'commands.job.nudges': 'nudges',
  'commands.job.directory-sync': 'directory sync',
  'commands.job.retention': 'clean-up of old records',
  'commands.line.confirm': 'confirm|cancel: carry out or drop the bulk action you just previewed (within 10 minutes)',
  'commands.line.inactive':
    'inactive [department or location] [inactive|never] [page 2] [csv]: members who have gone quiet and where their nudges stand, by reason and department; csv sends the whole list as a file',
  'commands.line.retentionShow':
    'retention show: how long activity records are kept; older ones are deleted every day, daily rollups stay',
  'commands.line.retentionSet':
    'retention set <days>: change how long activity records are kept, 30 to 730 days (default 180)',
  'commands.line.forget':
    "forget <@member>: erase a member's personal data, after a preview of what goes; the aggregates stay, anonymised",
  'commands.line.audit':
    'audit [n]: the last n ops and admin commands and role changes, newest first (default 20, at most 200)',
  'commands.missing.count': 'Give the number of entries, 1 to 200.',
  'commands.invalid.count': '"{detail}" is not a number of entries. Give a number from 1 to 200.',
  'commands.missing.days': 'Give the number of days to keep activity records, 30 to 730 (e.g. retention set 180).',
  'commands.invalid.days': '"{detail}" is not a retention period. Give a number of days from 30 to 730.',
};
