/** Japanese text: programs. Keys are prefixed `programs.`; placeholders are {name}. */
export const programs = {
  // ── shared pieces ──
  'programs.week': '{year}年 第{week}週',
  'programs.people.person': '{name}さん',
  'programs.people.andMore': 'ほか{count}名',
  'programs.section': '【{label}】\n{text}',
  'programs.kind.story': '成功事例',
  'programs.kind.idea': 'アイデア',
  'programs.kind.first_post': '自己紹介',
  'programs.activity.post': '投稿',
  'programs.activity.reply': '返信',
  'programs.activity.reaction': 'リアクション',
  'programs.activity.story': '成功事例の共有',
  'programs.activity.idea': 'アイデアの投稿',
  'programs.activity.prompt_answer': 'お題への回答',
  'programs.button.story': '成功事例を共有する',
  'programs.button.idea': 'アイデアを投稿する',
  'programs.button.optOut': '今後のご案内を停止する',
  'programs.purpose.label': '社内SNSの目的',
  'programs.purpose.unset':
    '社内SNSの目的がまだ設定されていません。運用担当者の方は「/hiroba purpose set 目的の文章」で設定してください。「成功事例を共有して、部署をこえて学び合う」のように具体的な目的があると、何を投稿すればよいか迷わずに済みます。',
  'programs.rules.label': '投稿のルール',
  'programs.rules.unset':
    '投稿のルールがまだ設定されていません。運用担当者の方は「/hiroba rules set ルールの文章」で設定してください（例：お客様の個人情報は書かない、批判ではなく提案を）。',

  // ── purpose reminder ──
  'programs.purposeReminder.title': '社内SNSの目的をあらためてご案内します',
  'programs.purposeReminder.intro': '毎月はじめに、このチャンネルが何のための場所かをお伝えしています。',
  'programs.purposeReminder.examplesTitle': 'たとえば、こんな投稿を歓迎しています',
  'programs.purposeReminder.example1': '仕事でうまくいったこと（小さな工夫でも大歓迎です）',
  'programs.purposeReminder.example2': '業務をよくするアイデアや「こうなったらいいのに」という気づき',
  'programs.purposeReminder.example3': '他部署・他拠点の方に聞いてみたいこと',
  'programs.purposeReminder.lowBar':
    '立派な文章でなくて大丈夫です。気になった投稿にリアクションを付けるところからでも、ぜひご参加ください。',
  'programs.purposeReminder.fallback': '社内SNSの目的と投稿ルールのご案内',

  // ── welcome ──
  'programs.welcome.title': '{name}さん、ようこそ',
  'programs.welcome.intro': 'Hiroba から社内SNSのご案内をお送りします。社内SNSの目的と、始め方を簡単にご紹介します。',
  'programs.welcome.stepsTitle': 'はじめの一歩',
  'programs.welcome.step1': '気になった投稿にリアクションを付けてみる',
  'programs.welcome.step2': '「参考になりました」と一言返信してみる',
  'programs.welcome.step3': '気が向いたら、下のボタンから簡単な自己紹介を書いてみる',
  'programs.welcome.noPressure': '読むだけの日があっても大丈夫です。ご自分のペースでお楽しみください。',
  'programs.welcome.fallback': '{name}さん、社内SNSへようこそ',

  // ── forms ──
  'programs.form.submit': '投稿する',
  'programs.form.story.title': '成功事例を共有',
  'programs.form.story.open': '成功事例を書く',
  'programs.form.story.intro':
    '「状況」「取り組んだこと」「結果」の3点を書くだけで投稿できます。小さな改善でも、別の部署で同じ課題に悩む方のヒントになります。',
  'programs.form.story.title.label': 'タイトル（任意）',
  'programs.form.story.title.placeholder': '例：見積もり作成の時間を半分にできました',
  'programs.form.story.situation.label': 'どんな状況・課題がありましたか',
  'programs.form.story.situation.placeholder': '例：毎月の見積もり作成に、1件あたり2時間ほどかかっていました',
  'programs.form.story.situation.hint': '他部署の方にも伝わるよう、背景を一言添えてください。',
  'programs.form.story.action.label': 'どんな工夫・取り組みをしましたか',
  'programs.form.story.action.placeholder': '例：よく使う項目をテンプレートにまとめ、チームで共有しました',
  'programs.form.story.result.label': 'どんな結果になりましたか',
  'programs.form.story.result.placeholder': '例：1件あたり1時間に短縮でき、お客様への回答も早くなりました',
  'programs.form.story.result.hint': '数字やお客様の声があれば、ぜひ添えてください。',
  'programs.form.idea.title': 'アイデアを投稿',
  'programs.form.idea.open': 'アイデアを書く',
  'programs.form.idea.intro': '思いつきの段階でも大歓迎です。社内SNSで共有し、部署をこえてご意見を集めます。',
  'programs.form.idea.title.label': 'アイデアのタイトル',
  'programs.form.idea.title.placeholder': '例：会議資料を前日までに共有する',
  'programs.form.idea.idea.label': 'アイデアの内容',
  'programs.form.idea.idea.placeholder': '例：どんな課題を、どのように解決したいか',
  'programs.form.idea.idea.hint': '今困っていることと、こうしたらよくなりそうだという案を書いてください。',
  'programs.form.idea.benefit.label': '期待できる効果（任意）',
  'programs.form.idea.benefit.placeholder': '例：会議が短くなり、議論に集中できます',
  'programs.form.first_post.title': '自己紹介を投稿',
  'programs.form.first_post.open': '自己紹介を書く',
  'programs.form.first_post.intro': 'ご所属やお仕事の内容などを、気軽に書いてみてください。数行で十分です。',
  'programs.form.first_post.intro.label': '自己紹介',
  'programs.form.first_post.intro.placeholder': '例：営業部の山田です。大阪で法人のお客様向けの提案を担当しています。',
  'programs.form.first_post.intro.hint': 'ご所属、担当しているお仕事、最近の取り組みなど、書きやすいことからどうぞ。',
  'programs.form.first_post.interest.label': '最近関心のあること・社内SNSで知りたいこと（任意）',
  'programs.form.first_post.interest.placeholder': '例：他の拠点での業務効率化の工夫を知りたいです',

  // ── prompts ──
  'programs.prompt.noPressure': '今は思い当たらなければ、このメッセージはそのままで構いません。ご返信も不要です。',
  'programs.storyPrompt.title': '最近の「うまくいったこと」を教えてください',
  'programs.storyPrompt.body':
    '{name}さん、お疲れさまです。最近のお仕事で、うまくいったことや助かった工夫はありませんか？ 小さなことで構いません。{name}さんの経験が、別の部署で同じ課題に取り組む方のヒントになります。',
  'programs.storyPrompt.howTo':
    '下のボタンから「状況」「取り組んだこと」「結果」の3点を書くだけで、{name}さんのお名前で社内SNSに紹介されます。5分ほどで書けます。',
  'programs.storyPrompt.fallback': '{name}さん、最近の「うまくいったこと」を共有しませんか',
  'programs.ideaCall.title': '業務改善のアイデアを募集しています',
  'programs.ideaCall.body':
    '{name}さん、お疲れさまです。日々のお仕事で「こうなったらもっと楽になるのに」と感じることはありませんか？ まだ形になっていない思いつきでも歓迎です。',
  'programs.ideaCall.howTo':
    'いただいたアイデアは社内SNSで共有し、部署をこえてご意見や協力者を募ります。下のボタンから、タイトルと内容を書くだけで投稿できます。',
  'programs.ideaCall.fallback': '{name}さん、業務改善のアイデアを募集しています',

  // ── first-post thanks ──
  'programs.firstPostThanks.next':
    '次は、ほかの部署の方の投稿にリアクションや一言コメントを送ってみてください。普段お話しする機会のない方とのつながりが生まれるきっかけになります。',

  // ── weekly digest ──
  'programs.digest.title': '社内SNS 週報（{period}）',
  'programs.digest.intro': '{period}の1週間の社内SNSの様子をお届けします。',
  'programs.digest.participation':
    '参加率（投稿・返信をした方の割合）は{rate}でした（{members}名中{contributors}名）。',
  'programs.digest.changeUp': '前の週より{points}ポイント上がりました。',
  'programs.digest.changeDown': '前の週より{points}ポイント下がりました。',
  'programs.digest.changeFlat': '前の週と同じ水準です。',
  'programs.digest.trend': '直近{weeks}週（月曜〜日曜）の推移：{from} {spark} {to}',
  'programs.digest.field.reach': 'リアクションを含めた参加',
  'programs.digest.field.posts': '投稿',
  'programs.digest.field.postsValue': '{posts}件（{posters}名）',
  'programs.digest.field.cross': '部署をこえた交流',
  'programs.digest.field.crossValue': '{ratio}（返信・リアクション{interactions}件中{crossing}件）',
  'programs.digest.field.executives': '役員の参加',
  'programs.digest.field.executivesValue': '{total}名中{active}名',
  'programs.digest.newTitle': 'この1週間にはじめて投稿・返信してくださった方（{count}名）',
  'programs.digest.newWelcome': 'はじめての一言に、ぜひリアクションで歓迎の気持ちを伝えてください。',
  'programs.digest.concentration':
    '今週は投稿の{share}が、よく投稿される上位10%の方から寄せられました。いつも発信してくださる皆さんに感謝するとともに、身近な方にも「その話、社内SNSで共有してみませんか」と声をかけてみてください。',
  'programs.digest.crossInvite': 'ほかの部署の投稿にも、ぜひ一言コメントを。新しいつながりや協力のきっかけになります。',
  'programs.digest.phase.pilot': '現在はパイロット期間中のため、パイロットメンバーの方を対象に集計しています。',
  'programs.digest.phase.expansion': '現在は対象部署を順次広げている段階のため、対象部署の方を集計しています。',
  'programs.digest.phase.company': '全社の方を対象に集計しています。',
  'programs.digest.shareInvite':
    '今週うまくいったことや、業務をよくするアイデアはありませんか？ 下のボタンから気軽に共有できます。',
  'programs.digest.fallback': '社内SNS 週報（{period}）：参加率{rate}、成功事例{stories}件',

  // ── manager report ──
  'programs.manager.title': 'チームの社内SNS参加状況（{period}）',
  'programs.manager.greeting': '{name}さん、お疲れさまです。先週（{period}）のチームの社内SNS参加状況をお届けします。',
  'programs.manager.tooFew':
    'チームの数値：人数が少ないため表示しません（個人が特定されないよう、{min}名未満のグループの数値は控えています）。今回は全社の数値のみお届けします。',
  'programs.manager.versus': 'チーム {team} ／ 全社 {company}',
  'programs.manager.field.participation': '参加率（投稿・返信をした方の割合）',
  'programs.manager.field.reach': 'リアクションを含めた参加',
  'programs.manager.field.cross': '部署をこえた交流',
  'programs.manager.field.inactive': 'しばらく投稿のない方',
  'programs.manager.field.inactiveValue': '{members}名中{count}名',
  'programs.manager.field.companyParticipation': '全社の参加率',
  'programs.manager.field.companyReach': '全社のリアクションを含めた参加',
  'programs.manager.field.companyCross': '全社の部署をこえた交流',
  'programs.manager.compareAbove': 'チームの参加率は全社を{points}ポイント上回っています。',
  'programs.manager.compareBelow': 'チームの参加率は全社を{points}ポイント下回っています。',
  'programs.manager.compareSame': 'チームの参加率は全社と同じ水準です。',
  'programs.manager.trend': 'チームの直近{weeks}週の推移：{from} {spark} {to}',
  'programs.manager.inactiveNamesTitle': 'しばらく投稿のない方',
  'programs.manager.suggestionsTitle': '今週おすすめのアクション',
  'programs.manager.suggest.meeting':
    '次のチームミーティングで、社内SNSに共有された成功事例を1つ紹介してみてください。',
  'programs.manager.suggest.react':
    'メンバーの投稿にリアクションや一言コメントを。上司からの反応は、次の投稿の大きな励みになります。',
  'programs.manager.suggest.cross':
    'ほかの部署の参考になる投稿をチームに紹介し、部署をこえたつながりを後押ししてください。',
  'programs.manager.suggest.inactive':
    'しばらく投稿のない方には、個別に促すよりも「今週助かったこと」など気軽に話せるテーマを会議で投げかけるのがおすすめです。',
  'programs.manager.suggest.keepUp':
    'チームの参加率は全社を上回っています。チームの取り組みを、ぜひ成功事例として共有してください。',
  'programs.manager.privacy':
    'このレポートは{name}さんにのみお送りしています。数値はチームの雰囲気をつかむための目安です。個人の評価にはお使いにならないでください。',
  'programs.manager.fallback': 'チームの社内SNS参加状況（{period}）',

  // ── nudges ──
  'programs.nudge.title.1': '最近共有された成功事例のご紹介',
  'programs.nudge.body.1':
    '{name}さん、お疲れさまです。最近、社内SNSにほかの部署の方の成功事例が共有されました。お手すきのときに目を通して、よいと思ったものにリアクションをひとつ付けてみませんか。書いた方にとって何よりの励みになります。',
  'programs.nudge.fallback.1': '{name}さん、最近共有された成功事例をのぞいてみませんか',
  'programs.nudge.title.2': '気になった投稿に一言いかがですか',
  'programs.nudge.body.2':
    '{name}さん、お疲れさまです。社内SNSで気になった投稿があれば、「参考になりました」「詳しく教えてください」と一言返信してみませんか。短い一言からでも会話が広がります。',
  'programs.nudge.fallback.2': '{name}さん、気になった投稿に一言返信してみませんか',
  'programs.nudge.title.3': 'はじめての投稿をお手伝いします',
  'programs.nudge.body.3':
    '{name}さん、お疲れさまです。社内SNSに何か書いてみたいけれど、何を書けばよいか迷う、ということはありませんか。下のボタンから、簡単な自己紹介を書くだけで投稿できるテンプレートをご用意しました。',
  'programs.nudge.fallback.3': '{name}さん、自己紹介から社内SNSを始めてみませんか',
  'programs.nudge.noPressure': 'ご都合のよいときで構いません。このメッセージへのご返信は不要です。',
  'programs.nudge.optOutHint':
    'このようなご案内が不要でしたら、下のボタンで停止できます。/hiroba optin でいつでも再開できます。',

  // ── posts made on a member's behalf ──
  'programs.storyPost.title.story': '{name}さんの成功事例',
  'programs.storyPost.title.idea': '{name}さんのアイデア',
  'programs.storyPost.title.first_post': '{name}さんの自己紹介',
  'programs.storyPost.section.story.situation': '状況・課題',
  'programs.storyPost.section.story.action': '取り組んだこと',
  'programs.storyPost.section.story.result': '結果',
  'programs.storyPost.section.idea.idea': 'アイデア',
  'programs.storyPost.section.idea.benefit': '期待できる効果',
  'programs.storyPost.section.first_post.intro': '自己紹介',
  'programs.storyPost.section.first_post.interest': '関心のあること',
  'programs.storyPost.footer.story':
    '共感した方は、リアクションやコメントで{name}さんに伝えてください。ご自分の部署でも活かせそうなら、ぜひ返信で教えてください。',
  'programs.storyPost.footer.idea': 'このアイデアへのご意見や、実現に協力できそうな方は、ぜひ返信でお知らせください。',
  'programs.storyPost.footer.first_post': 'ぜひリアクションで{name}さんを歓迎してください。',
  'programs.storyPost.via': 'Hiroba のテンプレートから、ご本人に代わって投稿しています。',
  'programs.storyPost.fallbackTitled': '{heading}：{title}',

  // ── moderation ──
  'programs.moderation.title': '確認待ちの投稿（No.{id}）',
  'programs.moderation.body':
    '{name}さんから{kind}が届きました。内容をご確認のうえ、公開するかどうかをお選びください。',
  'programs.moderation.note': '「公開する」を選ぶと、{name}さんのお名前で社内SNSのチャンネルに投稿されます。',
  'programs.moderation.approve': '公開する',
  'programs.moderation.reject': '公開を見送る',
  'programs.moderation.fallback': '確認待ちの投稿（No.{id}）：{name}さんの{kind}',
  'programs.moderation.approved': '投稿（No.{id}）を公開しました。',
  'programs.moderation.rejected': '投稿（No.{id}）の公開を見送りました。',

  // ── form received ──
  'programs.formReceived.title': 'ありがとうございます',
  'programs.formReceived.posted':
    '{kind}を共有いただき、ありがとうございます。社内SNSのチャンネルに投稿しました。反応が届くのをお楽しみに。',
  'programs.formReceived.held':
    '{kind}を共有いただき、ありがとうございます。運用担当が内容を確認したうえで、社内SNSのチャンネルに公開します。',

  // ── member home ──
  'programs.home.title': '{name}さんのページ',
  'programs.home.stateTitle': '現在の参加状況',
  'programs.home.stateLabel.new': '参加したばかり',
  'programs.home.stateLabel.active': 'アクティブ',
  'programs.home.stateLabel.occasional': 'ときどき参加',
  'programs.home.stateLabel.inactive': 'しばらくお休み中',
  'programs.home.stateLabel.never': 'これから',
  'programs.home.state.new': 'ご参加ありがとうございます。まずは気になる投稿にリアクションを付けてみてください。',
  'programs.home.state.active': 'この1週間に投稿や返信をしていただいています。いつもありがとうございます！',
  'programs.home.state.occasional': 'ときどきご参加いただいています。次の投稿も楽しみにしています。',
  'programs.home.state.inactive': 'しばらく投稿がありません。リアクションひとつからでも、またぜひお気軽にどうぞ。',
  'programs.home.state.never':
    'まだ投稿はありません。読むだけでも大歓迎です。気が向いたら、自己紹介から始めてみてください。',
  'programs.home.scoreNone': '参加スコアはまだありません。リアクションをひとつ付けると、スコアが付きはじめます。',
  'programs.home.field.score': '参加スコア',
  'programs.home.field.scoreValue': '{score} / 100',
  'programs.home.field.raw': '現在のポイント',
  'programs.home.field.p90': '上位10%の方の水準（100点）',
  'programs.home.field.last14': '直近14日間のポイント',
  'programs.home.capped': '1日の上限（{cap}ポイント）に達した日が{days}日ありました。上限を超えた分は数えていません。',
  'programs.home.scoreExplain':
    '参加スコアは、社内SNSでの活動ポイントをもとに計算しています。古い活動ほど少しずつ小さく数え（{halfLife}日で半分）、よく参加されている上位10%の方の水準を100として換算しています。',
  'programs.home.pointsTitle': 'ポイントの数え方（1日{cap}ポイントまで）',
  'programs.home.pointsItem': '{activity}：{points}ポイント',
  'programs.home.scoreNote': 'スコアは、ご自身の関わり方を振り返るための目安です。',
  'programs.home.shareInvite': '成功事例やアイデアは、下のボタンからテンプレートに沿って投稿できます。',
  'programs.home.fallback': '{name}さんの参加スコア：{score} / 100',
  'programs.home.fallbackNone': '{name}さんのページ',

  // ── first contribution thanks (one per member, whatever the first step was) ──
  'programs.firstPostThanks.title.post': 'はじめての投稿、ありがとうございます',
  'programs.firstPostThanks.title.reply': 'はじめての返信、ありがとうございます',
  'programs.firstPostThanks.title.story': 'はじめての成功事例の共有、ありがとうございます',
  'programs.firstPostThanks.title.idea': 'はじめてのアイデア投稿、ありがとうございます',
  'programs.firstPostThanks.body.post':
    '{name}さん、社内SNSへのはじめての投稿をありがとうございます！ 最初の一歩は勇気がいるものです。{name}さんの投稿が、周りの方の「自分も書いてみよう」につながります。',
  'programs.firstPostThanks.body.reply':
    '{name}さん、社内SNSでのはじめての返信をありがとうございます！ 返信をもらった方にとって、反応があることは何よりの励みです。',
  'programs.firstPostThanks.body.story':
    '{name}さん、成功事例を共有いただきありがとうございます！ {name}さんの経験が、別の部署で同じ課題に取り組む方のヒントになります。',
  'programs.firstPostThanks.body.idea':
    '{name}さん、アイデアを投稿いただきありがとうございます！ 思いつきの段階から共有されることで、部署をこえて知恵が集まります。',
  'programs.firstPostThanks.fallback.post': '{name}さん、はじめての投稿をありがとうございます',
  'programs.firstPostThanks.fallback.reply': '{name}さん、はじめての返信をありがとうございます',
  'programs.firstPostThanks.fallback.story': '{name}さん、成功事例の共有をありがとうございます',
  'programs.firstPostThanks.fallback.idea': '{name}さん、アイデアの投稿をありがとうございます',

  // ── kick-off and rollout announcements ──
  'programs.welcome.opsTeam': 'ご不明な点は、運用担当者の{names}までお気軽にお尋ねください。',
  'programs.announcement.title.pilot': '社内SNSのパイロット運用を始めます',
  'programs.announcement.title.expansion': '{departments}の皆さんが社内SNSに加わりました',
  'programs.announcement.title.company': '本日から社内SNSを全社で運用します',
  'programs.announcement.body.pilot':
    '本日から、社内SNSのパイロット運用を始めます。パイロットメンバーの方には、Hiroba から個別にご案内をお送りしています。',
  'programs.announcement.body.expansion':
    '本日から、{departments}の皆さんにも社内SNSにご参加いただきます。対象の方には、Hiroba から個別にご案内をお送りしています。',
  'programs.announcement.body.company':
    '本日から、社内SNSを全社で運用します。新しく加わる方には、Hiroba から個別にご案内をお送りしています。',
  'programs.announcement.welcomeThem':
    '新しく加わった方の投稿には、ぜひリアクションや一言コメントで歓迎の気持ちを伝えてください。',

  // ── dates a report covers ──
  'programs.period.day': '{month}月{day}日',
  'programs.period.instant': '{day} {time}',
  'programs.period.last7': '直近7日間（{period}）',
  'programs.period.days': '{from}〜{to}',

  // ── stories as lists show them ──
  'programs.story.line': '「{title}」{author}',
  'programs.story.authorDept': '{author}（{department}）',

  // ── weekly digest (additions) ──
  'programs.digest.groupGrew': '集計の対象が{from}名から{to}名に広がりました。',
  'programs.digest.groupShrank': '集計の対象が{from}名から{to}名に変わりました。',
  'programs.digest.firstReport': '今回が最初の集計のため、前の週との比較はありません。',
  'programs.digest.tooFew': '集計の対象が{min}名未満のため、個人が特定されないよう数値は控えています。',
  'programs.digest.storiesTitle': 'この1週間に共有された成功事例（{count}件）',
  'programs.digest.storiesMore': 'ほか{count}件',
  'programs.digest.executivesTitle': '役員からの投稿がありました',
  'programs.digest.repliedTitle': '部署をこえて返信が集まった投稿',
  'programs.digest.repliedLine': '{author}の投稿：{departments}部署から{replies}件の返信',
  'programs.digest.executivesInvite': 'ぜひ目を通して、リアクションや一言コメントを送ってみてください。',

  // ── leaders' weekly stories ──
  'programs.leader.title': '今週共有された成功事例（{count}件）',
  'programs.leader.body':
    '{name}さん、お疲れさまです。今週、社内SNSに次の成功事例が共有されました。リアクションや一言コメントをいただけると、書いた方の大きな励みになります。',
  'programs.leader.listTitle': '反応をお待ちしている成功事例',
  'programs.leader.why':
    '役員の皆さんの反応は、「共有することが歓迎されている」というメッセージとして社内に伝わります。このご案内は成功事例が共有された週にのみお送りします。',
  'programs.leader.fallback': '{name}さん、今週共有された成功事例が{count}件あります',

  // ── nudge step 1 when no story was shared lately ──
  'programs.nudge.title.1plain': '気になった投稿にリアクションをひとつ',
  'programs.nudge.body.1plain':
    '{name}さん、お疲れさまです。社内SNSで気になった投稿があれば、リアクションをひとつ付けてみませんか。書いた方にとって何よりの励みになります。',
  'programs.nudge.fallback.1plain': '{name}さん、気になった投稿にリアクションを付けてみませんか',
  'programs.nudge.storiesTitle': '最近共有された成功事例',

  // ── rollout status (ops) ──
  'programs.rollout.title': '展開状況',
  'programs.rollout.phase': '現在のフェーズ',
  'programs.rollout.phaseName.pilot': 'パイロット',
  'programs.rollout.phaseName.expansion': '段階展開',
  'programs.rollout.phaseName.company': '全社展開',
  'programs.rollout.pilotMembers': 'パイロットメンバー',
  'programs.rollout.departments': '展開済みの部署',
  'programs.rollout.pilot': 'パイロット',
  'programs.rollout.rest': 'その他の方',
  'programs.rollout.before': '前の7日間',
  'programs.rollout.after': '後の7日間',
  'programs.rollout.lastWeek': '直近7日間：パイロットとその他の方の比較',
  'programs.rollout.groupLine':
    '{label}：参加率{participation}、リアクションを含めた参加{reach}、部署をこえた交流{cross}、成功事例{stories}件',
  'programs.rollout.groupTooFew': '{label}：{min}名未満のため表示しません',
  'programs.rollout.step': '「{step}」（{at}）の前後',
  'programs.rollout.ready':
    'パイロットは、設定された基準をすべて満たしています。次のフェーズ（{phase}）に進める状態です（/hiroba rollout advance）。',
  'programs.rollout.notReady': '次のフェーズ（{phase}）に進む前に、次の基準を満たしていません',
  'programs.rollout.gap.tooFew': 'パイロットが{min}名未満のため、判断できません',
  'programs.rollout.gap.participation': '参加率：現在{now}（基準{need}）',
  'programs.rollout.gap.reach': 'リアクションを含めた参加：現在{now}（基準{need}）',
  'programs.rollout.gap.cross': '部署をこえた交流：現在{now}（基準{need}）',
  'programs.rollout.gap.stories': '成功事例：現在{now}件（基準{need}件）',
  'programs.rollout.final': 'すでに全社展開のフェーズです。',
  'programs.rollout.thresholdsTitle':
    '次のフェーズに進む基準（パイロットの直近7日間。rollout readiness で変更できます）',
  'programs.rollout.threshold.participation': '参加率：{value}以上',
  'programs.rollout.threshold.reach': 'リアクションを含めた参加：{value}以上',
  'programs.rollout.threshold.crossDepartment': '部署をこえた交流：{value}以上',
  'programs.rollout.threshold.stories': '成功事例：{value}件以上',
  'programs.rollout.threshold.changed': '{line}（今回変更）',
  'programs.rollout.note': '数値は{day}時点のものです。5名未満のグループの数値は表示しません。',

  // ── privacy: what a manager can see ──
  'programs.privacy.sees.teamFigures': 'チーム全体の参加率などの数値（{min}名以上のチームのみ）',
  'programs.privacy.sees.quietCount': 'しばらく投稿のない方の人数',
  'programs.privacy.sees.quietNames': 'しばらく投稿のない方のお名前（マネージャーレポート）',
  'programs.privacy.sees.individualStats': '配下の方一人ひとりの参加スコアと活動件数（/hiroba stats @メンバー）',
  'programs.privacy.sees.noNames': '個人のお名前や個人ごとの数値は表示されません',
  'programs.privacy.never':
    '投稿やメッセージの内容は、設定にかかわらずマネージャーを含め誰にも共有されません（Hiroba は内容を保存していません）。',
  'programs.privacy.nowSees': 'マネージャーが配下の方について見られる内容',
  'programs.privacy.turnedOn': 'マネージャーに配下の方のお名前と個人の数値を表示するようにしました',
  'programs.privacy.turnedOff': 'マネージャーに個人のお名前と個人の数値を表示しないようにしました（既定の設定です）',
  'programs.privacy.membersTold': 'メンバーの皆さんは、ご自身のページ（App Home）でこの内容を確認できます。',
  'programs.home.managerTitle': 'マネージャーが見られる内容',
  'programs.job.digest': 'ダイジェスト1件',
  'programs.job.noDigestChannel': 'ダイジェストの投稿先チャンネルが未設定です',
  'programs.job.withLeaders': '{what}、役員への今週の成功事例 {count}件',
  'programs.job.noSnsChannel': '社内SNSのチャンネルが未設定です',
  'programs.job.noPurpose': '目的が未設定です',
  'programs.job.reminder': 'リマインド1件',
  'programs.job.ideaCalls':
    'アイデア募集 {count}件、送らなかった方 {skipped}名（上限・お休み中・配信停止・届かない方）',
  'programs.job.prompts':
    '成功事例のお願い {count}件、送らなかった方 {skipped}名（上限・お休み中・配信停止・届かない方）',
  'programs.job.reports': 'マネージャーレポート {count}件',
  'programs.job.nudges': 'お声がけ {count}件、次の段階を待っている方・お休み中の方 {waiting}名',
} as const;
