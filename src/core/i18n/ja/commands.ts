/** Japanese text: commands. Keys are prefixed `commands.`; placeholders are {name}. */
export const commands = {
  // help
  'commands.help.title': 'Hiroba のコマンド',
  'commands.help.section.member': 'どなたでもお使いいただけます',
  'commands.help.section.manager': 'マネージャーの方',
  'commands.help.section.ops': '運用担当の方',
  'commands.help.section.admin': '管理者の方',
  'commands.usage.title': '{command} の使い方',

  // one line per command form: words, then what it does
  'commands.line.help': 'help（ヘルプ）：お使いいただけるコマンドの一覧を表示します',
  'commands.line.purposeShow': 'purpose show（目的 表示）：社内SNSの目的を表示します',
  'commands.line.purposeSet':
    'purpose set <本文>（目的 設定）：社内SNSの目的を設定します。毎月のリマインドとようこそメッセージに掲載されます',
  'commands.line.rulesShow': 'rules show（ルール 表示）：投稿ルールを表示します',
  'commands.line.rulesSet': 'rules set <本文>（ルール 設定）：投稿ルールを設定します',
  'commands.line.statsOwn': 'stats（統計）：ご自身の参加スコアとその内訳を表示します',
  'commands.line.statsFiscalYear':
    'stats --fiscal-year（統計 年度）：今年度（4月〜翌年3月）の集計を表示します。メンバーや部署の指定と組み合わせられます',
  'commands.line.optout': 'optout（配信停止）：Hiroba からの投稿のお願いやお声がけを停止します',
  'commands.line.optin': 'optin（配信再開）：停止した配信を再開します',
  'commands.line.language': 'language ja|en（言語 日本語|英語）：Hiroba の表示言語を切り替えます',
  'commands.line.channelsList': 'channels list（チャンネル 一覧）：集計対象のチャンネルを表示します',
  'commands.line.channelsAdd':
    'channels add <#チャンネル>（チャンネル 追加）：集計対象にチャンネルを追加します。そのチャンネル内で実行する場合はチャンネルの指定を省略できます',
  'commands.line.channelsRemove':
    'channels remove <#チャンネル>（チャンネル 削除）：集計対象からチャンネルを外します。そのチャンネル内で実行する場合は省略できます',
  'commands.line.digestChannel':
    'digest channel <#チャンネル>（ダイジェスト チャンネル）：週次ダイジェストの投稿先を設定します。そのチャンネル内で実行する場合は省略できます',
  'commands.line.digestPreview':
    'digest preview（ダイジェスト プレビュー）：今週のダイジェストを、実行した方にだけ表示します',
  'commands.line.profileFieldsShow':
    'profile-fields show（プロフィール項目 表示）：部署・拠点・上長の読み取り元となる Slack のプロフィール項目を表示します',
  'commands.line.profileFieldsSet':
    'profile-fields set department|location|manager <項目名>（プロフィール項目 設定）：Slack のカスタムプロフィール項目（項目名または ID）を部署・拠点・上長に対応づけます（clear で解除）',
  'commands.missing.field': 'department（部署）、location（拠点）、manager（上長）のいずれかを指定してください。',
  'commands.invalid.field':
    '「{detail}」は指定できません。department、location、manager のいずれかを指定してください。',
  'commands.line.dashboard':
    'dashboard（ダッシュボード）：ウェブのダッシュボードを開く、15分間・1回だけ使えるリンクをご本人だけにお送りします',
  'commands.line.reach': 'reach（到達状況）：Hiroba からのメッセージが届くメンバーと届かないメンバーの人数を表示します',
  'commands.line.rolloutStatus':
    'rollout status（展開 状況）：現在の展開フェーズ、パイロットとその他の方の比較、次のフェーズに進める状態かを表示します',
  'commands.line.rolloutReadiness':
    'rollout readiness [participation 40%] [reach 60%] [cross 20%] [stories 3]（展開 基準 参加率 40% …）：パイロットが次のフェーズに進める状態かを判断する基準を表示・変更します（default で既定値に戻します）',
  'commands.line.rolloutPilot':
    'rollout pilot add|remove <@メンバー>（展開 パイロット 追加|削除）：パイロットグループにメンバーを追加、またはグループから外します',
  'commands.line.scheduleShow': 'schedule show（スケジュール 表示）：各ジョブの実行スケジュールを表示します',
  'commands.line.moderation':
    'moderation on|off（承認制 オン|オフ）：成功事例などの投稿を、運用担当者が承認してから公開するようにします',
  'commands.line.privacy':
    'privacy manager-names on|off（プライバシー 氏名表示 オン|オフ）：マネージャー向けレポートにメンバーの氏名を表示するかどうかを切り替えます',
  'commands.line.role':
    'role grant|revoke ops|admin <@メンバー>（権限 付与|取消 運用|管理者）：運用担当者・管理者の権限を付与、または取り消します（最後の管理者の権限は取り消せません）',

  // errors: what went wrong and how to fix it
  'commands.error.unknown': '「{word}」というコマンドはありません。',
  'commands.error.unknownSub': '{command} に「{word}」という操作はありません。',
  'commands.error.tooLong': '{max}文字以内で入力してください（入力は{length}文字でした）。',
  'commands.missing.subcommand': '{command} のあとに、行う操作を続けて入力してください。',
  'commands.missing.channel':
    'チャンネルを #チャンネル名 の形で指定してください。対象のチャンネル内で実行すると、そのチャンネルが対象になります。',
  'commands.missing.department': '部署名を指定してください。',
  'commands.missing.job': 'ジョブ名を指定してください。指定できるのは {jobs} です。',
  'commands.missing.cron': 'ジョブ名に続けて cron 式を指定してください（例：0 16 * * 5 は毎週金曜日の16時）。',
  'commands.missing.text': '設定する本文を続けて入力してください。',
  'commands.missing.locale': 'ja（日本語）または en（英語）を指定してください。',
  'commands.missing.switch': 'on（オン）または off（オフ）を指定してください。',
  'commands.missing.kind': 'story（事例）または idea（アイデア）を指定してください。',
  'commands.missing.extra': '入力が足りません。',
  'commands.invalid.subcommand': '{command} に「{detail}」という操作はありません。',
  'commands.invalid.channel':
    '「{detail}」をチャンネルとして認識できませんでした。#チャンネル名 の形で指定してください。',
  'commands.invalid.department': '「{detail}」は部署名として指定できません。',
  'commands.invalid.job': '「{detail}」というジョブはありません。指定できるのは {jobs} です。',
  'commands.invalid.cron':
    'cron 式「{detail}」の形式が正しくありません。分・時・日・月・曜日の5つの項目を半角スペースで区切って指定してください（例：0 16 * * 5）。',
  'commands.invalid.text': '本文「{detail}」は設定できません。',
  'commands.invalid.locale': '「{detail}」には対応していません。ja（日本語）または en（英語）を指定してください。',
  'commands.invalid.switch': '「{detail}」は指定できません。on（オン）または off（オフ）を指定してください。',
  'commands.invalid.kind': '「{detail}」は指定できません。story（事例）または idea（アイデア）を指定してください。',
  'commands.invalid.extra': '「{detail}」は不要です。取り除いてもう一度お試しください。',

  // directory import (npx hiroba import-directory): one reason per rejected row
  'commands.directory.noHeader':
    'ヘッダー行に {columns} 列がありません。1行目には列名（email,name,department,location,manager_email,executive）を記載してください。',
  'commands.directory.unclosedQuote':
    'この行から始まるダブルクォート（"）が閉じられていません。引用符の対応をご確認ください。',
  'commands.directory.emailMissing': 'email が空欄です。',
  'commands.directory.emailInvalid': 'email「{value}」はメールアドレスの形式ではありません。',
  'commands.directory.nameMissing': 'name が空欄です。',
  'commands.directory.tooLong': '{column} が{max}文字を超えています。',
  'commands.directory.executiveInvalid':
    'executive「{value}」は指定できません。true/false、1/0、yes/no、はい/いいえ のいずれかを入力してください。',
  'commands.directory.managerInvalid': 'manager_email「{value}」はメールアドレスの形式ではありません。',
  'commands.directory.managerSelf': 'manager_email にご本人のメールアドレスが指定されています。',
  'commands.directory.duplicate': 'email {email} は {first} 行目にもあります。同じメンバーは1行にまとめてください。',
  'commands.directory.managerUnknown':
    'manager_email {email} のメンバーが名簿にありません。上長なしで登録しました。上長の行を追加して再度取り込んでください。',
  'commands.directory.managerCycle':
    'manager_email {email} を上長にすると、上長の関係が循環します（{chain}）。上長なしで登録しました。',
  'commands.help.intro.slack': '/hiroba のあとに続けて入力してください。かっこ内の日本語でも入力できます。',
  'commands.help.intro.teams':
    'チャンネルでは @Hiroba のあとに、Hiroba との個人チャットではそのまま入力してください。かっこ内の日本語でも入力できます。',
  'commands.usage.more': '{cmd} help（ヘルプ）で、お使いいただけるコマンドの一覧を表示できます。',
  'commands.error.empty': 'コマンドが入力されていません。',
  'commands.error.didYouMean': 'もしかして「{suggestion}」ですか？',
  'commands.line.statsMember':
    'stats <@メンバー、氏名、またはメールアドレス>（統計）：メンバーのスコアを表示します。マネージャーの方はご自身の配下のメンバーに限ります',
  'commands.line.statsDepartment':
    'stats <部署名または拠点名>（統計）：部署や拠点の指標を表示します（名前の先頭だけでも指定できます）。マネージャーの方は、ご自身の配下のメンバーだけで構成される部署・拠点に限ります',
  'commands.line.rolloutDepartments':
    'rollout departments add|remove <部署名>（展開 部署 追加|削除）：展開対象に部署を追加、または対象から外します（実行前に対象者を確認できます）',
  'commands.line.rolloutAdvance':
    'rollout advance（展開 次へ）：次のフェーズ（パイロット → 段階展開 → 全社展開）に進めます（実行前に対象者を確認できます）',
  'commands.line.digestSend':
    'digest send（ダイジェスト 送信）：今週のダイジェストを今すぐ投稿します（実行前に確認します。同じ週に重ねて送信されることはありません）',
  'commands.line.prompt':
    'prompt story|idea <@メンバー、部署名、または拠点名>（依頼 事例|アイデア）：成功事例やアイデアの投稿のお願いを今すぐ送ります。送る前に対象者と対象外の方を表示し、確認をいただいてから送ります',
  'commands.line.scheduleSet':
    'schedule set <ジョブ名> <cron式>（スケジュール 設定）：ジョブの実行スケジュールを変更します。ジョブ名は日本語でも指定できます。例：スケジュール 設定 ダイジェスト 0 16 * * 5',
  'commands.missing.page': 'page のあとにページ番号を指定してください（例：inactive page 2）。',
  'commands.invalid.page': '「{detail}」はページ番号として指定できません。1以上の数字を指定してください。',
  'commands.missing.threshold': '「{detail}」に続けて値を指定してください（例：participation 40%、stories 3）。',
  'commands.invalid.threshold':
    '「{detail}」は基準として指定できません。項目と値を組にして、各項目一度ずつ指定してください。participation（参加率）・reach（リアクションを含めた参加）・cross（部署をこえた交流）は0〜100%の整数、stories（成功事例）は0〜1000件の整数です（例：rollout readiness participation 40% stories 3）。',
  'commands.missing.member': 'メンバーを @メンション、氏名、またはメールアドレスで指定してください。',
  'commands.missing.target':
    'メンバー（@メンション、氏名、またはメールアドレス）か、部署名・拠点名を指定してください。',
  'commands.invalid.member':
    '「{detail}」をメンバーとして認識できませんでした。@メンション、氏名、またはメールアドレスで指定してください。',
  'commands.invalid.target':
    '「{detail}」をメンバーとして認識できませんでした。@メンション、メールアドレス、部署名、または拠点名で指定してください。',
  'commands.missing.role': 'ops（運用担当者）または admin（管理者）を指定してください。',
  'commands.invalid.role': '「{detail}」は指定できません。ops（運用担当者）または admin（管理者）を指定してください。',
  'commands.job.purpose-reminder': '目的のリマインド',
  'commands.job.story-prompts': '成功事例のお願い',
  'commands.job.idea-call': 'アイデア募集',
  'commands.job.digest': '週次ダイジェスト',
  'commands.job.manager-reports': 'マネージャー向けレポート',
  'commands.job.nudges': 'お声がけ',
  'commands.job.directory-sync': '名簿の同期',
  'commands.job.retention': '古い記録の整理',
  'commands.line.confirm':
    'confirm|cancel（確定|キャンセル）：直前に確認を表示した一括送信を実行、または取りやめます（表示から10分以内）',
  'commands.line.inactive':
    'inactive [部署名・拠点名] [inactive|never] [page 2] [csv]（未参加）：しばらく投稿のないメンバーと、お声がけの状況を理由別・部署別に表示します。csv で一覧全体を CSV ファイルでお送りします',
  'commands.line.retentionShow':
    'retention show（保存期間 表示）：活動記録の保存期間を表示します。期間を過ぎた活動記録は毎日削除し、日ごとの集計は残します',
  'commands.line.retentionSet':
    'retention set <日数>（保存期間 設定）：活動記録の保存期間を30〜730日の範囲で変更します（初期値は180日）',
  'commands.line.forget':
    'forget <@メンバー>（個人データ削除）：メンバーの個人データを削除します。削除する内容を確認いただいてから実行します。集計は匿名のまま残ります',
  'commands.line.audit':
    'audit [件数]（監査ログ）：運用担当者・管理者のコマンドと権限の変更を、新しい順に表示します（初期値20件、最大200件）',
  'commands.missing.count': '件数を1〜200の数字で指定してください。',
  'commands.invalid.count': '「{detail}」は件数として指定できません。1〜200の数字を指定してください。',
  'commands.missing.days': '保存期間を30〜730の日数で指定してください（例：retention set 180）。',
  'commands.invalid.days': '「{detail}」は保存期間として指定できません。30〜730の日数を指定してください。',
} as const;
