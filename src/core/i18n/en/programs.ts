import type { programs as ja } from '../ja/programs.js';

/** English text: programs. Same keys as the Japanese catalogue. */
export const programs: Record<keyof typeof ja, string> = {
  // ── shared pieces ──
  'programs.week': 'week {week}, {year}',
  'programs.people.person': '{name}',
  'programs.people.andMore': 'and {count} more',
  'programs.section': '▸ {label}\n{text}',
  'programs.kind.story': 'success story',
  'programs.kind.idea': 'idea',
  'programs.kind.first_post': 'introduction',
  'programs.activity.post': 'Post',
  'programs.activity.reply': 'Reply',
  'programs.activity.reaction': 'Reaction',
  'programs.activity.story': 'Success story shared',
  'programs.activity.idea': 'Idea posted',
  'programs.activity.prompt_answer': 'Answer to a prompt',
  'programs.button.story': 'Share a success story',
  'programs.button.idea': 'Post an idea',
  'programs.button.optOut': 'Stop these messages',
  'programs.purpose.label': 'What our internal network is for',
  'programs.purpose.unset':
    'No purpose has been set yet. Ops: set one with "/hiroba purpose set <text>". A concrete purpose, such as "share success stories so teams learn from each other", tells everyone what to post.',
  'programs.rules.label': 'Posting rules',
  'programs.rules.unset':
    'No posting rules have been set yet. Ops: set them with "/hiroba rules set <text>" (for example: no customer personal data; suggest, don\'t criticise).',

  // ── purpose reminder ──
  'programs.purposeReminder.title': 'A reminder of what this space is for',
  'programs.purposeReminder.intro': 'At the start of each month we recap what this channel is for.',
  'programs.purposeReminder.examplesTitle': 'Posts we would love to see',
  'programs.purposeReminder.example1': 'Something that went well at work (small tweaks count too)',
  'programs.purposeReminder.example2': 'Ideas to improve how we work, or a "wouldn\'t it be nice if…"',
  'programs.purposeReminder.example3': 'Questions for colleagues in other teams or offices',
  'programs.purposeReminder.lowBar':
    'No need for a polished write-up. Reacting to a post you liked is a fine way to start.',
  'programs.purposeReminder.fallback': 'What our internal network is for, and the posting rules',

  // ── welcome ──
  'programs.welcome.title': 'Welcome, {name}',
  'programs.welcome.intro': 'Hiroba here, with a short guide to our internal network: what it is for and how to start.',
  'programs.welcome.stepsTitle': 'First steps',
  'programs.welcome.step1': 'React to a post you find interesting',
  'programs.welcome.step2': 'Reply with a quick "this was useful"',
  'programs.welcome.step3': 'When you feel like it, write a short introduction with the button below',
  'programs.welcome.noPressure': 'Days when you only read are fine too. Go at your own pace.',
  'programs.welcome.fallback': 'Welcome to our internal network, {name}',

  // ── forms ──
  'programs.form.submit': 'Post',
  'programs.form.story.title': 'Share a success story',
  'programs.form.story.open': 'Write a success story',
  'programs.form.story.intro':
    'Three short answers are all it takes: the situation, what you did, the result. Even a small improvement can help someone in another team facing the same problem.',
  'programs.form.story.title.label': 'Title (optional)',
  'programs.form.story.title.placeholder': 'e.g. We halved the time it takes to prepare a quote',
  'programs.form.story.situation.label': 'What was the situation or problem?',
  'programs.form.story.situation.placeholder': 'e.g. Each monthly quote took about two hours to prepare',
  'programs.form.story.situation.hint': 'Add a line of background so people in other teams can follow.',
  'programs.form.story.action.label': 'What did you do?',
  'programs.form.story.action.placeholder':
    'e.g. We turned the common items into a template and shared it with the team',
  'programs.form.story.result.label': 'What was the result?',
  'programs.form.story.result.placeholder': 'e.g. A quote now takes an hour, and customers get answers sooner',
  'programs.form.story.result.hint': "Numbers or a customer's words make it even better.",
  'programs.form.idea.title': 'Share an idea',
  'programs.form.idea.open': 'Write an idea',
  'programs.form.idea.intro':
    'Rough ideas are welcome. We share them in our internal network and gather views from every team.',
  'programs.form.idea.title.label': 'Idea title',
  'programs.form.idea.title.placeholder': 'e.g. Share meeting documents the day before',
  'programs.form.idea.idea.label': 'Your idea',
  'programs.form.idea.idea.placeholder': 'e.g. Which problem it solves, and how',
  'programs.form.idea.idea.hint': 'Describe what gets in the way today and what might make it better.',
  'programs.form.idea.benefit.label': 'Expected benefit (optional)',
  'programs.form.idea.benefit.placeholder': 'e.g. Shorter meetings, more time for discussion',
  'programs.form.first_post.title': 'Introduce yourself',
  'programs.form.first_post.open': 'Write an introduction',
  'programs.form.first_post.intro': 'Tell colleagues a little about your team and your work. A few lines is plenty.',
  'programs.form.first_post.intro.label': 'About you',
  'programs.form.first_post.intro.placeholder':
    "e.g. I'm Alex from Sales in Osaka; I work on proposals for business customers.",
  'programs.form.first_post.intro.hint':
    'Your team, what you work on, something you tried recently: start with whatever is easiest.',
  'programs.form.first_post.interest.label': 'What you are curious about or would like to learn here (optional)',
  'programs.form.first_post.interest.placeholder': 'e.g. How other offices keep routine work efficient',

  // ── prompts ──
  'programs.prompt.noPressure': 'If nothing comes to mind right now, just leave this message. No reply needed.',
  'programs.storyPrompt.title': 'What went well for you recently?',
  'programs.storyPrompt.body':
    "Hi {name}, has anything gone well at work lately, or did a small trick save you time? It doesn't need to be big. Your experience could help someone in another team working on the same problem.",
  'programs.storyPrompt.howTo':
    'Use the button below to answer three short questions (situation, what you did, result), and it will be shared in our internal network under your name, {name}. It takes about five minutes.',
  'programs.storyPrompt.fallback': '{name}, would you share something that went well recently?',
  'programs.ideaCall.title': 'Ideas wanted: how could our work get better?',
  'programs.ideaCall.body':
    'Hi {name}, is there something in your daily work where you think "this could be so much easier"? Half-formed ideas are welcome.',
  'programs.ideaCall.howTo':
    'Ideas are shared in our internal network so people from every team can add views or offer help. A title and a few lines are enough: use the button below.',
  'programs.ideaCall.fallback': '{name}, we are collecting ideas to improve how we work',

  // ── first-post thanks ──
  'programs.firstPostThanks.next':
    'Next, try reacting to or commenting on a post from another team. It is an easy way to connect with colleagues you rarely meet.',

  // ── weekly digest ──
  'programs.digest.title': 'Weekly digest ({period})',
  'programs.digest.intro': 'Here is how our internal network did over the week {period}.',
  'programs.digest.participation':
    'Participation this week (people who posted or replied) was {rate}: {contributors} of {members} people.',
  'programs.digest.changeUp': 'Up {points} points on the week before.',
  'programs.digest.changeDown': 'Down {points} points on the week before.',
  'programs.digest.changeFlat': 'The same as the week before.',
  'programs.digest.trend': 'Last {weeks} weeks (Monday to Sunday): {from} {spark} {to}',
  'programs.digest.field.reach': 'Taking part, reactions included',
  'programs.digest.field.posts': 'Posts',
  'programs.digest.field.postsValue': '{posts} (by {posters} people)',
  'programs.digest.field.cross': 'Across departments',
  'programs.digest.field.crossValue': '{ratio} ({crossing} of {interactions} replies and reactions)',
  'programs.digest.field.executives': 'Executives taking part',
  'programs.digest.field.executivesValue': '{active} of {total}',
  'programs.digest.newTitle': 'First posts or replies this week ({count})',
  'programs.digest.newWelcome': 'Give their first posts a reaction to say welcome.',
  'programs.digest.concentration':
    'This week {share} of posts came from the most active 10% of posters. Thank you to everyone who keeps sharing, and why not ask a colleague: "that story of yours, would you post it here?"',
  'programs.digest.crossInvite':
    'Try leaving a comment on a post from another department: it is how new connections start.',
  'programs.digest.phase.pilot': 'We are in the pilot phase: these figures cover the pilot group.',
  'programs.digest.phase.expansion':
    'We are adding departments step by step: these figures cover the departments taking part.',
  'programs.digest.phase.company': 'These figures cover the whole company.',
  'programs.digest.shareInvite':
    'Did something go well this week, or do you have an idea to improve our work? Share it with the buttons below.',
  'programs.digest.fallback': 'Weekly digest ({period}): participation {rate}, {stories} success stories',

  // ── manager report ──
  'programs.manager.title': 'Your team in our internal network ({period})',
  'programs.manager.greeting':
    'Hi {name}, here is how your team took part in our internal network last week ({period}).',
  'programs.manager.tooFew':
    'Team figures: too few to report. Groups under {min} people get no figures, so no one can be singled out. Here are the company figures.',
  'programs.manager.versus': 'team {team} / company {company}',
  'programs.manager.field.participation': 'Participation (posted or replied)',
  'programs.manager.field.reach': 'Taking part, reactions included',
  'programs.manager.field.cross': 'Across departments',
  'programs.manager.field.inactive': 'Quiet for a while',
  'programs.manager.field.inactiveValue': '{count} of {members}',
  'programs.manager.field.companyParticipation': 'Company participation',
  'programs.manager.field.companyReach': 'Company, reactions included',
  'programs.manager.field.companyCross': 'Company, across departments',
  'programs.manager.compareAbove': "Your team's participation is {points} points above the company's.",
  'programs.manager.compareBelow': "Your team's participation is {points} points below the company's.",
  'programs.manager.compareSame': "Your team's participation is level with the company's.",
  'programs.manager.trend': 'Your team, last {weeks} weeks: {from} {spark} {to}',
  'programs.manager.inactiveNamesTitle': 'Quiet for a while',
  'programs.manager.suggestionsTitle': 'Ideas for this week',
  'programs.manager.suggest.meeting':
    'In your next team meeting, present one success story shared in our internal network.',
  'programs.manager.suggest.react':
    "React to or comment on your team's posts. A response from their manager is a big encouragement to post again.",
  'programs.manager.suggest.cross':
    'Point your team to useful posts from other departments, to help connections across teams.',
  'programs.manager.suggest.inactive':
    'For people who have been quiet, an easy topic in a meeting ("what helped you this week?") works better than a personal reminder.',
  'programs.manager.suggest.keepUp':
    'Your team is above the company average. Consider sharing how you do it as a success story.',
  'programs.manager.privacy':
    'This report is sent to you only, {name}. The figures give a feel for the team; please do not use them to assess individuals.',
  'programs.manager.fallback': 'Your team in our internal network ({period})',

  // ── nudges ──
  'programs.nudge.title.1': 'A few success stories shared recently',
  'programs.nudge.body.1':
    'Hi {name}, colleagues from other teams have shared some success stories in our internal network lately. When you have a moment, have a look and react to one you like. It means a lot to the person who wrote it.',
  'programs.nudge.fallback.1': '{name}, a few success stories were shared recently',
  'programs.nudge.title.2': 'A quick reply to a post?',
  'programs.nudge.body.2':
    'Hi {name}, if a post in our internal network caught your eye, how about a quick reply such as "useful, thanks" or "could you tell me more?" A few words are enough to start a conversation.',
  'programs.nudge.fallback.2': '{name}, how about a quick reply to a post that caught your eye?',
  'programs.nudge.title.3': 'A little help with your first post',
  'programs.nudge.body.3':
    'Hi {name}, would you like to post something but are not sure what? The button below opens a short template: a few lines about yourself are all it takes.',
  'programs.nudge.fallback.3': '{name}, a short introduction is an easy first post',
  'programs.nudge.noPressure': 'Whenever suits you. There is no need to reply to this message.',
  'programs.nudge.optOutHint':
    'If you would rather not get messages like this, use the button below. You can turn them back on any time with /hiroba optin.',

  // ── posts made on a member's behalf ──
  'programs.storyPost.title.story': 'A success story from {name}',
  'programs.storyPost.title.idea': 'An idea from {name}',
  'programs.storyPost.title.first_post': '{name} introduces themselves',
  'programs.storyPost.section.story.situation': 'Situation',
  'programs.storyPost.section.story.action': 'What they did',
  'programs.storyPost.section.story.result': 'Result',
  'programs.storyPost.section.idea.idea': 'The idea',
  'programs.storyPost.section.idea.benefit': 'Expected benefit',
  'programs.storyPost.section.first_post.intro': 'About me',
  'programs.storyPost.section.first_post.interest': 'Curious about',
  'programs.storyPost.footer.story':
    'If this resonates, tell {name} with a reaction or a comment. Could it work in your team too? Say so in a reply.',
  'programs.storyPost.footer.idea': 'Thoughts on this idea, or able to help make it happen? Please reply.',
  'programs.storyPost.footer.first_post': 'Say welcome to {name} with a reaction.',
  'programs.storyPost.via': "Posted through a Hiroba template on the author's behalf.",
  'programs.storyPost.fallbackTitled': '{heading}: {title}',

  // ── moderation ──
  'programs.moderation.title': 'Waiting for review (No. {id})',
  'programs.moderation.body': 'New {kind} from {name}. Please review it and choose whether to publish it.',
  'programs.moderation.note': "Publishing posts it to the internal network channel under {name}'s name.",
  'programs.moderation.approve': 'Publish',
  'programs.moderation.reject': 'Do not publish',
  'programs.moderation.fallback': 'Waiting for review (No. {id}): {kind} from {name}',
  'programs.moderation.approved': 'Submission No. {id} has been published.',
  'programs.moderation.rejected': 'Submission No. {id} will not be published.',

  // ── form received ──
  'programs.formReceived.title': 'Thank you',
  'programs.formReceived.posted':
    'Thank you for sharing your {kind}. It is now posted in the internal network channel; watch for reactions.',
  'programs.formReceived.held':
    'Thank you for sharing your {kind}. The ops team will review it and then publish it in the internal network channel.',

  // ── member home ──
  'programs.home.title': '{name}: your page',
  'programs.home.stateTitle': 'How you are taking part',
  'programs.home.stateLabel.new': 'Just joined',
  'programs.home.stateLabel.active': 'Active',
  'programs.home.stateLabel.occasional': 'Now and then',
  'programs.home.stateLabel.inactive': 'Taking a break',
  'programs.home.stateLabel.never': 'Getting started',
  'programs.home.state.new': 'Thanks for joining. A good first step: react to a post you find interesting.',
  'programs.home.state.active': 'You posted or replied in the past week. Thank you!',
  'programs.home.state.occasional': 'You take part now and then. We look forward to your next post.',
  'programs.home.state.inactive': 'You have not posted for a while. A single reaction is a fine way back in.',
  'programs.home.state.never':
    'No posts yet, and reading along is welcome too. When you feel like it, a short introduction is an easy start.',
  'programs.home.scoreNone': 'No participation score yet. Your first reaction starts it.',
  'programs.home.field.score': 'Participation score',
  'programs.home.field.scoreValue': '{score} / 100',
  'programs.home.field.raw': 'Your points now',
  'programs.home.field.p90': 'Level of the top 10% (scores 100)',
  'programs.home.field.last14': 'Points in the last 14 days',
  'programs.home.capped': 'On {days} days you reached the daily limit of {cap} points; points above it do not count.',
  'programs.home.scoreExplain':
    'Your score is built from your activity points. Older activity counts for less and less (half after {halfLife} days), and the score is scaled so that the level of the most active 10% is 100.',
  'programs.home.pointsTitle': 'Points per activity (at most {cap} a day count)',
  'programs.home.pointsItem': '{activity}: {points}',
  'programs.home.scoreNote': 'The score is a guide for looking back on how you take part.',
  'programs.home.shareInvite': 'Share a success story or an idea with a template, using the buttons below.',
  'programs.home.fallback': '{name}, your participation score: {score} / 100',
  'programs.home.fallbackNone': '{name}: your page',

  // ── first contribution thanks (one per member, whatever the first step was) ──
  'programs.firstPostThanks.title.post': 'Thank you for your first post',
  'programs.firstPostThanks.title.reply': 'Thank you for your first reply',
  'programs.firstPostThanks.title.story': 'Thank you for sharing your first success story',
  'programs.firstPostThanks.title.idea': 'Thank you for your first idea',
  'programs.firstPostThanks.body.post':
    'Thank you for your first post in our internal network, {name}! The first step takes courage, and yours makes it easier for others to write too.',
  'programs.firstPostThanks.body.reply':
    'Thank you for your first reply in our internal network, {name}! Hearing back is what keeps people sharing.',
  'programs.firstPostThanks.body.story':
    'Thank you for sharing a success story, {name}! Someone in another team facing the same problem will find it useful.',
  'programs.firstPostThanks.body.idea':
    'Thank you for your idea, {name}! Shared early, ideas gather help from every team.',
  'programs.firstPostThanks.fallback.post': 'Thank you for your first post, {name}',
  'programs.firstPostThanks.fallback.reply': 'Thank you for your first reply, {name}',
  'programs.firstPostThanks.fallback.story': 'Thank you for your success story, {name}',
  'programs.firstPostThanks.fallback.idea': 'Thank you for your idea, {name}',

  // ── kick-off and rollout announcements ──
  'programs.welcome.opsTeam': 'Questions? Ask our ops team: {names}.',
  'programs.announcement.title.pilot': 'Our internal network pilot starts today',
  'programs.announcement.title.expansion': '{departments} join our internal network',
  'programs.announcement.title.company': 'Our internal network is open to the whole company from today',
  'programs.announcement.body.pilot':
    'Today we start the pilot of our internal network. Hiroba is sending each pilot member a short introduction.',
  'programs.announcement.body.expansion':
    'From today {departments} take part in our internal network too. Hiroba is sending each of them a short introduction.',
  'programs.announcement.body.company':
    'From today our internal network is open to the whole company. Hiroba is sending everyone who joins a short introduction.',
  'programs.announcement.welcomeThem': "Give the newcomers' first posts a reaction or a word of welcome.",

  // ── dates a report covers ──
  'programs.period.day': '{day} {month}',
  'programs.period.instant': '{day} {time}',
  'programs.period.last7': 'the last 7 days ({period})',
  'programs.period.days': '{from} to {to}',

  // ── stories as lists show them ──
  'programs.story.line': '"{title}" by {author}',
  'programs.story.authorDept': '{author} ({department})',

  // ── weekly digest (additions) ──
  'programs.digest.groupGrew': 'The group counted grew from {from} to {to} people.',
  'programs.digest.groupShrank': 'The group counted changed from {from} to {to} people.',
  'programs.digest.firstReport': 'This is the first digest, so there is no week before to compare with.',
  'programs.digest.tooFew':
    'Fewer than {min} people are counted yet, so no figures are shown (nobody can be singled out).',
  'programs.digest.storiesTitle': 'Success stories shared this week ({count})',
  'programs.digest.storiesMore': '{count} more',
  'programs.digest.executivesTitle': 'Our executives posted this week',
  'programs.digest.repliedTitle': 'Posts that drew replies across departments',
  'programs.digest.repliedLine':
    'a post by {author} — replies from other departments: {replies} · departments: {departments}',
  'programs.digest.executivesInvite': 'Have a look and send them a reaction or a comment.',

  // ── leaders' weekly stories ──
  'programs.leader.title': 'Success stories shared this week ({count})',
  'programs.leader.body':
    'Hi {name}, these success stories were shared in our internal network this week. A reaction or a short comment from you means a lot to the people who wrote them.',
  'programs.leader.listTitle': 'Stories waiting for a reaction',
  'programs.leader.why':
    "A leader's reaction tells everyone that sharing is welcome. This message comes only in weeks with stories.",
  'programs.leader.fallback': '{name}, {count} success stories were shared this week',

  // ── nudge step 1 when no story was shared lately ──
  'programs.nudge.title.1plain': 'A reaction to a post you like',
  'programs.nudge.body.1plain':
    'Hi {name}, if a post in our internal network catches your eye, why not give it a reaction? It means a lot to the person who wrote it.',
  'programs.nudge.fallback.1plain': '{name}, why not react to a post you like',
  'programs.nudge.storiesTitle': 'Success stories shared lately',

  // ── rollout status (ops) ──
  'programs.rollout.title': 'Rollout status',
  'programs.rollout.phase': 'Current phase',
  'programs.rollout.phaseName.pilot': 'pilot',
  'programs.rollout.phaseName.expansion': 'expansion',
  'programs.rollout.phaseName.company': 'whole company',
  'programs.rollout.pilotMembers': 'Pilot members',
  'programs.rollout.departments': 'Departments added',
  'programs.rollout.pilot': 'Pilot',
  'programs.rollout.rest': 'Everyone else',
  'programs.rollout.before': '7 days before',
  'programs.rollout.after': '7 days after',
  'programs.rollout.lastWeek': 'Last 7 days: the pilot against everyone else',
  'programs.rollout.groupLine':
    '{label}: participation {participation}, reactions included {reach}, across departments {cross}, {stories} stories',
  'programs.rollout.groupTooFew': '{label}: fewer than {min} people, not shown',
  'programs.rollout.step': 'Before and after "{step}" ({at})',
  'programs.rollout.ready':
    'The pilot meets every threshold set: ready for the next phase ({phase}) with /hiroba rollout advance.',
  'programs.rollout.notReady': 'Before the next phase ({phase}), these thresholds are not met yet',
  'programs.rollout.gap.tooFew': 'the pilot has fewer than {min} people, so it cannot be judged',
  'programs.rollout.gap.participation': 'participation: {now} now (threshold {need})',
  'programs.rollout.gap.reach': 'taking part, reactions included: {now} now (threshold {need})',
  'programs.rollout.gap.cross': 'across departments: {now} now (threshold {need})',
  'programs.rollout.gap.stories': 'success stories: {now} now (threshold {need})',
  'programs.rollout.final': 'The rollout already covers the whole company.',
  'programs.rollout.thresholdsTitle':
    "Thresholds for the next phase (the pilot's last 7 days; change them with rollout readiness)",
  'programs.rollout.threshold.participation': 'participation: {value} or more',
  'programs.rollout.threshold.reach': 'taking part, reactions included: {value} or more',
  'programs.rollout.threshold.crossDepartment': 'across departments: {value} or more',
  'programs.rollout.threshold.stories': 'success stories: {value} or more',
  'programs.rollout.threshold.changed': '{line} (changed now)',
  'programs.rollout.note': 'Figures as of {day}. Groups under 5 people are not shown.',

  // ── privacy: what a manager can see ──
  'programs.privacy.sees.teamFigures': "the team's figures, such as participation (teams of {min} or more only)",
  'programs.privacy.sees.quietCount': 'how many team members have been quiet for a while',
  'programs.privacy.sees.quietNames': 'the names of team members who have been quiet (in the manager report)',
  'programs.privacy.sees.individualStats': "each report's own score and activity counts (/hiroba stats @member)",
  'programs.privacy.sees.noNames': 'no names and no figure about one person',
  'programs.privacy.never':
    'What anyone writes is never shown to a manager or anyone else, whatever the setting (Hiroba does not store it).',
  'programs.privacy.nowSees': 'What a manager can see about their reports',
  'programs.privacy.turnedOn': "Managers now see their reports' names and individual figures",
  'programs.privacy.turnedOff': 'Managers no longer see names or individual figures (the default)',
  'programs.privacy.membersTold': 'Every member can read this on their own page (App Home).',
  'programs.home.managerTitle': 'What your manager can see',
  'programs.job.digest': 'one digest',
  'programs.job.noDigestChannel': 'no digest channel set',
  'programs.job.withLeaders': "{what}; this week's stories to {count} executive(s)",
  'programs.job.noSnsChannel': 'no SNS channel set',
  'programs.job.noPurpose': 'no purpose set',
  'programs.job.reminder': 'one reminder',
  'programs.job.ideaCalls': '{count} idea call(s); {skipped} skipped (cap, rest, opt-out or unreachable)',
  'programs.job.prompts': '{count} prompt(s); {skipped} skipped (cap, rest, opt-out or unreachable)',
  'programs.job.reports': '{count} manager report(s)',
  'programs.job.nudges': '{count} nudge(s); {waiting} waiting for their next step or resting',
};
