import type { Locale } from '../core/types.js';

/** A success story as a member would write it in Hiroba's form. */
export interface DemoStoryText {
  title: string;
  situation: string;
  action: string;
  result: string;
}

const STORIES: Record<Locale, DemoStoryText[]> = {
  ja: [
    {
      title: '見積もり作成の時間を半分にできました',
      situation: '毎月の見積もり作成に、1件あたり2時間ほどかかっていました。',
      action: 'よく使う項目をテンプレートにまとめ、チームで共有しました。',
      result: '1件あたり1時間に短縮でき、お客様への回答も早くなりました。',
    },
    {
      title: '問い合わせの一次回答を当日中に',
      situation: '問い合わせが集中する月曜日に、一次回答が翌日になることがありました。',
      action: 'よくある質問の回答例を共有フォルダにまとめ、誰でも使えるようにしました。',
      result: '月曜日も一次回答を当日中にお返しできるようになりました。',
    },
    {
      title: '新人研修の資料を部署をこえて共有',
      situation: '部署ごとに新人研修の資料を一から作っていて、手間がかかっていました。',
      action: '人事部と相談し、共通部分を一つの資料にまとめて各部署で使えるようにしました。',
      result: '資料作成の時間が減り、新人の方からも分かりやすいと好評でした。',
    },
    {
      title: '会議を30分短くする工夫',
      situation: '週次の定例会議が毎回1時間を超え、議論がまとまらないことがありました。',
      action: '議題と資料を前日までに共有し、会議では決めることだけを話すようにしました。',
      result: '会議が30分で終わるようになり、決定事項もはっきりしました。',
    },
    {
      title: '大阪支社との月次勉強会',
      situation: '東京と大阪で同じ課題に取り組んでいるのに、情報交換の場がありませんでした。',
      action: 'オンラインで月に一度、30分の勉強会を始めました。',
      result: 'お互いの工夫を取り入れ、提案の受注率が上がりました。',
    },
    {
      title: '請求書の確認ミスをゼロに',
      situation: '請求書の確認で、月に数件の記載ミスが見つかっていました。',
      action: '確認項目をチェックリストにし、二人で読み合わせる手順にしました。',
      result: '3か月続けて記載ミスがゼロになりました。',
    },
  ],
  en: [
    {
      title: 'Quotes in half the time',
      situation: 'Each monthly quote took about two hours to prepare.',
      action: 'We put the common items into a template and shared it in the team.',
      result: 'A quote now takes an hour, and customers hear back sooner.',
    },
    {
      title: 'Same-day first answers',
      situation: 'On busy Mondays, first answers to enquiries slipped to the next day.',
      action: 'We collected answers to common questions in a shared folder anyone can use.',
      result: 'Even on Mondays every enquiry gets a first answer the same day.',
    },
    {
      title: 'One onboarding deck for every team',
      situation: 'Each team built its own onboarding material from scratch.',
      action: 'With HR we merged the common parts into one deck every team can use.',
      result: 'Less time spent on slides, and new hires found it clearer.',
    },
    {
      title: 'Meetings thirty minutes shorter',
      situation: 'Our weekly meeting ran over an hour and often ended without a decision.',
      action: 'We share the agenda and papers the day before and use the meeting to decide.',
      result: 'The meeting now takes thirty minutes and decisions are clear.',
    },
  ],
};

/** The story a member writes for a demo event; deterministic by the event's number. */
export function demoStoryText(locale: Locale, n: number): DemoStoryText {
  const list = STORIES[locale];
  const story = list[n % list.length];
  if (story === undefined) throw new Error('the demo has no story texts');
  return story;
}

/** An idea as a member would write it in Hiroba's form. */
export function demoIdeaText(locale: Locale, n: number): { title: string; idea: string } {
  const ideas =
    locale === 'ja'
      ? [
          {
            title: '会議資料を前日までに共有する',
            idea: '会議の前日までに資料を共有すれば、当日の議論に集中できると思います。',
          },
          {
            title: '部署をこえたランチ会',
            idea: '月に一度、ほかの部署の方とランチをする機会があると、相談しやすくなると思います。',
          },
          {
            title: 'よくある質問集を社内SNSに',
            idea: '問い合わせの多い質問と回答を社内SNSにまとめておくと、探す時間が減らせます。',
          },
        ]
      : [
          {
            title: 'Share meeting papers a day early',
            idea: 'Papers shared the day before would let us spend the meeting deciding.',
          },
          {
            title: 'Lunch across teams',
            idea: 'A monthly lunch with people from other teams would make it easier to ask for help.',
          },
        ];
  const idea = ideas[n % ideas.length];
  if (idea === undefined) throw new Error('the demo has no idea texts');
  return idea;
}
