/** Japanese text: adapters. Keys are prefixed `adapters.`; placeholders are {name}. */
export const adapters = {
  'adapters.teams.error':
    '申し訳ありません。処理中に問題が発生しました。しばらくしてからもう一度お試しください。繰り返し発生する場合は、運用担当者にお知らせください。',
  'adapters.teams.form.required': '「{label}」は必須項目です。ご入力ください。',
  'adapters.teams.form.minLength': '「{label}」は{min}文字以上でご入力ください。',
  'adapters.teams.form.errorsTitle': '入力内容をご確認ください。',
  'adapters.teams.form.unreadable':
    'フォームの内容を読み取れませんでした。お手数ですが、もう一度フォームを開いてご入力ください。',
  'adapters.teams.truncated': 'Teams のメッセージの長さの上限に合わせて、一部を省略しています。',
  'adapters.teams.invoke.done': '承りました。',
  'adapters.answerPending': '集計しています…',
  'adapters.card.notYours': 'このメッセージのボタンは、お送りした方ご本人のみご利用いただけます。',
  'adapters.slack.modalClose': 'キャンセル',
  'adapters.slack.moreBlocks': 'メッセージの長さの上限に合わせて、ほか{count}件の項目を省略しています。',
  'adapters.slack.commandFailed':
    '申し訳ありません。処理中に問題が発生したため、コマンドを実行できませんでした。しばらくしてからもう一度お試しください。繰り返し発生する場合は、運用担当者にお知らせください。',
  'adapters.slack.actionFailed':
    '申し訳ありません。処理中に問題が発生したため、操作を完了できませんでした。しばらくしてからもう一度お試しください。',
  'adapters.slack.formUnreadable':
    'フォームの内容を読み取れませんでした。お手数ですが、フォームを閉じてもう一度開き、ご入力ください。',
  'adapters.slack.formFailed':
    '申し訳ありません。処理中に問題が発生したため、送信できませんでした。しばらくしてからもう一度お試しください。',
  'adapters.slack.formOpenFailed': 'フォームを開けませんでした。お手数ですが、もう一度ボタンを押してください。',
} as const;
