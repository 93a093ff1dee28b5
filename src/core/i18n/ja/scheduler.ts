/** Japanese text: scheduler. Keys are prefixed `scheduler.`; placeholders are {name}. */
export const scheduler = {
  // Why a cron expression was refused; shown inside the parentheses of `replies.schedule.invalid`.
  'scheduler.cron.fields': '項目の数が正しくありません。分・時・日・月・曜日の5項目が必要です',
  'scheduler.cron.syntax': '読み取れない値が含まれています：{detail}',
  'scheduler.cron.day-fields':
    '日と曜日を同時に指定することはできません。「毎月第1月曜日」は曜日側で「0 10 * * 1#1」のように指定してください',
  'scheduler.cron.disagree': 'この式では実行日時を一意に決められません。より単純な式で指定してください',
  'scheduler.retention.deleted':
    '送信済みのメッセージ記録 {outbox}件（{outboxBefore} より前）と実行記録 {ledger}件（{ledgerBefore} より前）、活動記録 {activities}件（{activitiesBefore} より前、保存期間 {days}日。日ごとの集計は残しています）を削除しました',
  'scheduler.retention.wouldDelete':
    '送信済みのメッセージ記録 {outbox}件（{outboxBefore} より前）と実行記録 {ledger}件（{ledgerBefore} より前）、活動記録 {activities}件（{activitiesBefore} より前、保存期間 {days}日。日ごとの集計は残します）を削除します',
  'scheduler.directorySync.noAdapter': '{platform} との接続が動いていません',
  'scheduler.directorySync.entries': 'メンバー一覧 {count}名分',
} as const;
