/**
 * Japanese text: the `hiroba` CLI (`cli.`) and the directory file reader (`directory.`). Placeholders
 * are {name}. The CLI prints in the workspace's language, Japanese unless told otherwise.
 */
export const cli = {
  // usage and help
  'cli.usage': `使い方: hiroba <コマンド> [オプション]

コマンド:
  start            Hiroba を起動します（Slack・Teams との接続、スケジューラー、送信キュー、PORT の HTTP サーバー）。
  demo [--db <パス>] [--weeks <週数>] [--seed <数>]
                   架空の会社でプログラム全体を実行します（認証情報は不要です）。
  migrate [--db <パス>]
                   データベースのスキーマを最新にし、バージョンを表示します。
  import-directory <ファイル> [--workspace <W>] [--platform slack|teams] [--name <名称>] [--db <パス>]
                   名簿ファイルを取り込みます。ワークスペースがなければ作成します。
  run-job <ジョブ> [--workspace <W>] [--dry-run [--at <日時>]] [--db <パス>]
                   スケジュールされたジョブを今すぐ実行します（同じ期間に実行済みであれば何も送りません）。
  backup <ファイル> [--db <パス>]
                   稼働中のままデータベースをコピーし（オンラインバックアップ）、コピーを検査します。
  copy-db [--to <postgres://…>] [--db <パス>]
                   SQLite のデータベースを空の PostgreSQL データベースにコピーします（複数台構成への移行）。
  help [<コマンド>]
                   このヘルプ、またはコマンドの詳しい説明を表示します。

共通のオプション:
  --locale ja|en   表示する言語です（既定はワークスペースの言語、次に HIROBA_LOCALE、どちらもなければ日本語）。
  --db <パス>      SQLite のデータベースファイルです。指定しないときは HIROBA_DATABASE_URL の PostgreSQL、
                   それもなければ HIROBA_DB（既定は ./data/hiroba.db）を使います。

<W> は Slack のチーム ID（T… または E…）か Teams のテナント ID です。データベースのワークスペースが1つだけのときは省略できます。
終了コード: 0 完了、1 失敗、2 引数または入力の誤り。`,
  'cli.help.importDirectory': `hiroba import-directory <ファイル> [--workspace <W>] [--platform slack|teams] [--name <名称>] [--db <パス>]

人事システムや Excel から出力した名簿を取り込みます。メンバーはメールアドレスで照合し、登録済みのメンバーは更新します。
1行目の見出しは日本語でも英語でも読み取ります（全角・半角、大文字・小文字、空白は区別しません）。
  メールアドレス（必須）: {email}
  氏名（必須）: {name}
  部署: {department}
  勤務地: {location}
  上長（上長のメールアドレスを入力します）: {manager}
  役員: {executive}（値は {executiveValues}、空欄は「いいえ」）
これ以外の列は取り込まず、列名をお知らせします。ファイルにない列（部署など）は、登録済みの値をそのまま残します。
文字コード: UTF-8（BOM の有無は問いません）、Shift_JIS（Excel の「CSV（コンマ区切り）」）、UTF-16（Excel の「Unicode テキスト」、タブ区切り）。

--workspace のワークスペースがなければ作成します（データベースがなければデータベースも作成します）。T… または E… で始まる ID は Slack、xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx 形式の ID は Teams とみなします。それ以外の ID や、別のワークスペースがすでにあるデータベースでは --platform slack|teams を指定してください。
後から Slack や Teams に Hiroba をインストールすると、同じワークスペースがそのまま使われます。
--name は新しく作成するワークスペースの表示名です（既定は ID）。
1行でも取り込めれば終了コード 0、取り込める行がなければ 2 です。`,
  'cli.help.runJob': `hiroba run-job <ジョブ> [--workspace <W>] [--dry-run [--at <日時>]] [--db <パス>]

スケジュールされたジョブを今すぐ実行し、メッセージを送信キューに入れます（送信は起動中の Hiroba が行います）。スケジューラーと同じく、同じ期間には1回しか実行しません。
  --dry-run    メッセージを組み立て、宛先（氏名・部署）と本文を表示します。何も書き込みません。
  --at <日時>  --dry-run と合わせて指定し、その時点で実行したものとして評価します。
               2026-03-06（その日のジョブの予定時刻。予定がない日は 0:00）、2026-03-06T16:00（ワークスペースのタイムゾーン）、
               2026-03-06T07:00Z（タイムゾーン付き）のいずれかの形式で指定します。
ジョブ:
{jobs}`,
  'cli.help.job': '  {job}（{label}）',
  'cli.help.copyDb': `hiroba copy-db [--to <postgres://…>] [--db <パス>]

SQLite のデータベース（--db、なければ HIROBA_DB）を、空の PostgreSQL データベース（--to、なければ HIROBA_DATABASE_URL）にコピーします。
複数台の Hiroba で1つの PostgreSQL を共有する構成に移るときに使います。
  - コピーの前に、両方のスキーマを最新にします。
  - SQLite からは1つのスナップショットとして読み込み、PostgreSQL には1つのトランザクションで書き込みます。テーブルごとに行数を表示し、両方の行数を照合してから確定します。
  - コピー先にデータがあるとき、またはコピー元の Hiroba がまだ稼働しているときは、何も書き込まずに終了します。
パスワードがコマンド履歴に残らないよう、コピー先は HIROBA_DATABASE_URL（環境ファイル）で指定することをおすすめします。
パスワードに @ # / : を含むときは、URL ではパーセントエンコードしてください（@ は %40）。
終了コード: 0 完了、1 失敗（コピー先には1行も書き込んでいません）、2 引数の誤り。`,
  'cli.unknownCommand': 'hiroba: 「{name}」というコマンドはありません。',
  'cli.failed': 'hiroba {command}: 処理を完了できませんでした（{reason}）。',

  // arguments
  'cli.args.unknownOption': '{command}: オプション {option} はありません。',
  'cli.args.missingValue': '{command}: オプション {option} には値を指定してください。',
  'cli.args.noValue': '{command}: オプション {option} には値を指定できません。',
  'cli.args.invalid': '{command}: 引数を読み取れませんでした（{detail}）。',
  'cli.args.unexpected': '{command}: 「{value}」は不要な引数です。',
  'cli.args.wholeNumber':
    '{command}: --{option} には {min}〜{max} の整数を指定してください（指定された値: 「{value}」）。',
  'cli.args.locale': 'hiroba: --locale には ja または en を指定してください（指定された値: 「{value}」）。',

  // database
  'cli.db.missing':
    '{command}: {path} にデータベースがありません。--db または HIROBA_DB をご確認ください（npx hiroba migrate --db {path} で作成できます）。',
  'cli.db.missingImport':
    '{command}: {path} にデータベースがありません。--db または HIROBA_DB をご確認ください。新しく始める場合は --workspace <W> を指定すると、データベースとワークスペースを作成して取り込みます。',
  'cli.db.cannotOpen': '{command}: データベース {path} を開けません: {reason}',
  'cli.db.created': '{path} にデータベースを作成しました。',

  // workspaces
  'cli.workspace.item': '{id}（{platform}、{name}）',
  'cli.workspace.noneImport':
    'このデータベースにはまだワークスペースがありません。--workspace に Slack のチーム ID（T…）または Teams のテナント ID を指定すると、ワークスペースを作成して取り込みます。',
  'cli.workspace.noneRun':
    'このデータベースにはまだワークスペースがありません。Hiroba を Slack または Teams にインストールするか、hiroba import-directory で名簿を取り込んでください。',
  'cli.workspace.several':
    'このデータベースにはワークスペースが{count}件あります。--workspace で1つ指定してください: {known}',
  'cli.workspace.ambiguous':
    'ID が {id} のワークスペースが複数のプラットフォームにあります。--platform slack|teams で指定してください: {known}',
  'cli.workspace.unknown': 'ワークスペース {id} はこのデータベースにありません。登録済み: {known}',
  'cli.workspace.unknownEmpty':
    'ワークスペース {id} はこのデータベースにありません（ワークスペースはまだありません）。',
  'cli.workspace.platformInvalid':
    '--platform には slack または teams を指定してください（指定された値: 「{value}」）。',
  'cli.workspace.platformNeeded':
    '「{id}」が Slack と Teams のどちらのワークスペースか判断できません。--platform slack または --platform teams を指定してください。',
  'cli.workspace.slackId':
    '「{id}」は Slack のチーム ID の形式ではありません。Slack のチーム ID は T または E で始まる英大文字と数字です（例: T0123ABCD）。',
  'cli.workspace.teamsId':
    '「{id}」は Teams のテナント ID の形式ではありません。テナント ID は xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx の形式です（Azure portal の Microsoft Entra ID の概要に表示されます）。',
  'cli.workspace.confirmNew':
    'ワークスペース {id} はこのデータベースにありません（登録済み: {known}）。入力誤りでなければ、--platform slack|teams を指定すると新しいワークスペースとして作成します。',
  'cli.workspace.created':
    'ワークスペース {id}（{platform}）を作成しました。{platform} に Hiroba をインストールすると、このワークスペースがそのまま使われます。',
  'cli.workspace.memory': 'デモ',
  'cli.env.timezone':
    'HIROBA_TIMEZONE「{value}」はタイムゾーンとして読み取れません。Asia/Tokyo のような IANA のタイムゾーン名を指定してください。',
  'cli.env.locale': 'HIROBA_LOCALE「{value}」には対応していません。ja または en を指定してください。',

  // import-directory
  'cli.import.fileMissing':
    'import-directory: 取り込むファイルを指定してください（例: npx hiroba import-directory 名簿.csv --workspace T0123ABCD）。',
  'cli.import.noSuchFile': 'import-directory: {file} を読み込めません。ファイルが見つかりません。',
  'cli.import.isDirectory': 'import-directory: {file} はフォルダーです。ファイルを指定してください。',
  'cli.import.cannotRead': 'import-directory: {file} を読み込めません（{reason}）。',
  'cli.import.read': '{file} を読み込みました（文字コード {encoding}、{delimiter}）。',
  'cli.import.delimiter.comma': 'カンマ区切り',
  'cli.import.delimiter.tab': 'タブ区切り',
  'cli.import.columns': '列の対応: {pairs}',
  'cli.import.pair': '{heading} → {column}',
  'cli.import.listSeparator': '、',
  'cli.import.absent': '{column}の列がないため、登録済みの{column}の情報は変更しません。',
  'cli.import.workspaceNamed': '{name}（{id}）',
  'cli.import.summary': '{file} → {workspace}: 新規 {created}名、更新 {updated}名、問題 {problems}件',
  'cli.import.problem': '{line}行目: {reason}',
  'cli.import.noRow':
    'import-directory: 取り込める行がありませんでした。上記の内容を修正して、もう一度実行してください。',

  // directory file: the columns, as the messages name them
  'directory.column.email': 'メールアドレス',
  'directory.column.name': '氏名',
  'directory.column.department': '部署',
  'directory.column.location': '勤務地',
  'directory.column.manager_email': '上長',
  'directory.column.executive': '役員',
  // directory file: problems with the whole file (reported on line 1)
  'directory.empty':
    'ファイルが空です。1行目に見出し（メールアドレス、氏名など）、2行目以降にメンバーを記載してください。',
  'directory.noColumn':
    '「{column}」の列が見つからないため取り込めません。1行目の見出しに{aliases}のいずれかを記載してください（読み取った見出し: {found}）。',
  'directory.columnUnused': '列「{heading}」は使いません。',
  'directory.columnDuplicate': '列「{heading}」は列「{first}」と同じ{column}の列のため使いません。',
  'directory.columnBlank': '{index}列目には見出しがないため使いません。',
  'directory.xlsx':
    'Excel ブック（.xlsx / .xls）は読み取れません。Excel で「名前を付けて保存」から「CSV UTF-8（コンマ区切り）」または「Unicode テキスト」を選んで保存し直してください。',
  'directory.utf16NoBom':
    'このファイルは BOM のない UTF-16 か、テキスト以外のファイルのため読み取れません。Excel で「CSV UTF-8（コンマ区切り）」または「Unicode テキスト」を選んで保存し直してください。',
  'directory.unclosedQuote': 'この行から始まるダブルクォート（"）が閉じられていません。引用符の対応をご確認ください。',
  // directory file: problems with one row (the row is not imported)
  'directory.emailMissing': '{column}が空欄です。',
  'directory.emailInvalid': '{column}「{value}」はメールアドレスの形式ではありません。',
  'directory.nameMissing': '{column}が空欄です。',
  'directory.tooLong': '{column}が{max}文字を超えています。',
  'directory.executiveInvalid': '{column}「{value}」は指定できません。{values} のいずれかを入力してください。',
  'directory.managerInvalid':
    '{column}「{value}」はメールアドレスの形式ではありません。上長の列には上長のメールアドレスを入力してください。',
  'directory.managerSelf': '{column}にご本人のメールアドレスが指定されています。',
  'directory.duplicate': 'メールアドレス {email} は {first}行目にもあります。同じメンバーは1行にまとめてください。',
  // directory import: manager problems (the row is imported without a manager)
  'directory.managerUnknown':
    '上長のメールアドレス {email} のメンバーが名簿にありません。上長なしで登録しました。上長の行を追加して、もう一度取り込んでください。',
  'directory.managerCycle': '上長を {email} にすると、上長の関係が循環します（{chain}）。上長なしで登録しました。',

  // copy-db
  'cli.copyDb.missingTo':
    'copy-db: コピー先の PostgreSQL を HIROBA_DATABASE_URL（推奨。パスワードがコマンド履歴に残りません）または --to で指定してください。',
  'cli.copyDb.badTo':
    'copy-db: --to には PostgreSQL の URL を指定してください（例: postgres://hiroba:パスワード@db.example.co.jp:5432/hiroba）。',
  'cli.copyDb.noSource': 'copy-db: {path} にデータベースがありません。--db または HIROBA_DB を確認してください。',
  'cli.copyDb.start': '{source} を {target} にコピーします。コピーが終わるまで Hiroba は停止しておいてください。',
  'cli.copyDb.table': '  {table}: {rows} 行',
  'cli.copyDb.done':
    '{tables} 個のテーブル（計 {rows} 行）を {target} にコピーし、行数を照合しました（スキーマバージョン {version}）。各インスタンスの HIROBA_DATABASE_URL にこのデータベースの URL（パスワードを含む）を設定して起動してください。',
  'cli.copyDb.reason.notEmpty':
    'コピー先の PostgreSQL にはすでにデータがあります（{table}）。空のデータベースを指定してください',
  'cli.copyDb.reason.versions':
    'SQLite のスキーマはバージョン {sqlite}、PostgreSQL は {postgres} です。両方を同じバージョンの Hiroba で最新にしてからコピーしてください',
  'cli.copyDb.reason.running':
    'この SQLite のデータベースでは Hiroba がまだ稼働しています（{holder}、{until} まで）。Hiroba を停止してからコピーしてください',
  'cli.copyDb.reason.noTable': 'PostgreSQL にテーブル {table} がありません',
  'cli.copyDb.reason.columns': 'PostgreSQL のテーブル {table} に列 {columns} がありません',
  'cli.copyDb.reason.count': '{table} は {read} 行を読み込みましたが、書き込めたのは {written} 行でした',
  'cli.copyDb.reason.cycle': '外部キーが {table} を通って循環しています',
  'cli.copyDb.failed':
    'copy-db: {target} にコピーできませんでした。コピー先のテーブルには1行も書き込んでいません: {reason}',

  // backup
  'cli.backup.missing': 'backup: 書き出すファイル名を指定してください（例: hiroba backup backup.db）。',
  'cli.backup.sameFile': 'backup: バックアップの書き出し先にデータベースそのものは指定できません。',
  'cli.backup.noDatabase': 'backup: {path} にデータベースがありません。--db または HIROBA_DB を確認してください。',
  'cli.backup.exists':
    'backup: {path} はすでにあります。新しいファイル名を指定してください（バックアップは既存のファイルを上書きしません）。',
  'cli.backup.copyFailed': 'backup: {path} をコピーできませんでした: {reason}',
  'cli.backup.integrity':
    'backup: コピー {path} の整合性検査に失敗しました（{detail}）。このコピーは使わないでください。',
  'cli.backup.done': '{source} を {target} にバックアップしました（スキーマバージョン {version}、{bytes} バイト）。',
  'cli.backup.held':
    'backup: {path} にまだ記録されていないイベントがあります。このファイルもバックアップと一緒にコピーしてください。',
  'cli.backup.postgres':
    'backup: HIROBA_DATABASE_URL が設定されているため、データは PostgreSQL（{location}）にあります。backup は SQLite のファイル専用です。pg_dump でバックアップしてください。',
  // run-job
  'cli.runJob.missing': 'run-job: 実行するジョブを指定してください。指定できるのは {jobs} です。',
  'cli.runJob.unknown': 'run-job: 「{name}」というジョブはありません。指定できるのは {jobs} です。',
  'cli.runJob.atNeedsDryRun':
    'run-job: --at は --dry-run と合わせて指定してください（過去や未来の時点で実際に送信することはできません）。',
  'cli.runJob.atInvalid':
    'run-job: --at「{value}」を日時として読み取れません。2026-03-06、2026-03-06T16:00、2026-03-06T07:00Z のいずれかの形式で指定してください。',
  'cli.runJob.noCredentials':
    'run-job: directory-sync は {platform} のメンバー一覧を読み取ります。{platform} の認証情報を設定して（.env.example を参照）、もう一度実行してください。',
  'cli.runJob.unavailable': 'run-job: このバージョンの Hiroba では {job} ジョブを実行できません。',
  'cli.runJob.failed': 'run-job: {id} の {job} が失敗しました: {reason}',
  'cli.runJob.where': '{label}（{job}）、ワークスペース {id}、期間 {period}',
  'cli.runJob.asOf': '{at}（{timezone}）の時点で評価しました。',
  'cli.runJob.dryRun': '{where}: 試行のため何も書き込んでいません。送信予定のメッセージは {count}件です{detail}。',
  'cli.runJob.dryRunAlreadyRan': 'この期間は実行済みのため、実際に実行しても何も送信されません。',
  'cli.runJob.alreadyRan':
    '{where}: この期間は実行済みです（同じ期間には1回しか実行しません）。何も送信キューに入れていません。',
  'cli.runJob.ran': '{where}: 実行しました。{count}件のメッセージを送信キューに入れました{detail}。',
  'cli.runJob.detail': '（{detail}）',
  'cli.runJob.sendHint': '起動中の Hiroba が数秒以内に送信します。起動していない場合は hiroba start で送信されます。',
  'cli.runJob.recipients': '宛先: メンバー {members}名、チャンネル {channels}件',
  'cli.runJob.byDepartment': '部署別: {list}',
  'cli.runJob.departmentCount': '{department} {count}名',
  'cli.runJob.noDepartment': '部署なし',
  'cli.runJob.toChannel': '--- 宛先: チャンネル {channel}',
  'cli.runJob.toMember': '--- 宛先: {name}（{department}、{id}）',
  'cli.runJob.toUnknownMember': '--- 宛先: 名簿にないメンバー {id}',
  'cli.runJob.notBefore': '（{at} 以降に送信）',
  'cli.job.purpose-reminder': '目的とルールのリマインド',
  'cli.job.story-prompts': '成功事例の投稿のお願い',
  'cli.job.idea-call': 'アイデア募集',
  'cli.job.digest': '週次ダイジェスト',
  'cli.job.manager-reports': 'マネージャーレポート',
  'cli.job.nudges': 'お声がけ',
  'cli.job.directory-sync': '名簿の同期',
  'cli.job.retention': '古い記録の削除',

  // migrate and demo
  'cli.migrate.applied': '{path}: {list} を適用しました。スキーマのバージョンは {version} です。',
  'cli.migrate.upToDate': '{path}: スキーマは最新です（バージョン {version}）。',
  'cli.demo.dbExists':
    'demo: {path} はすでにあります。--db には新しいファイルを指定してください（--db を省略すると一時ファイルを使います）。',
} as const;
