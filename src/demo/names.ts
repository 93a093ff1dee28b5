/** Common Japanese family names with their Hepburn spelling, for the demo's simulated staff. */
export const FAMILY_NAMES: ReadonlyArray<readonly [kanji: string, romaji: string]> = [
  ['佐藤', 'Sato'], ['鈴木', 'Suzuki'], ['高橋', 'Takahashi'], ['田中', 'Tanaka'], ['伊藤', 'Ito'],
  ['渡辺', 'Watanabe'], ['山本', 'Yamamoto'], ['中村', 'Nakamura'], ['小林', 'Kobayashi'], ['加藤', 'Kato'],
  ['吉田', 'Yoshida'], ['山田', 'Yamada'], ['佐々木', 'Sasaki'], ['山口', 'Yamaguchi'], ['松本', 'Matsumoto'],
  ['井上', 'Inoue'], ['木村', 'Kimura'], ['林', 'Hayashi'], ['斎藤', 'Saito'], ['清水', 'Shimizu'],
  ['山崎', 'Yamazaki'], ['森', 'Mori'], ['池田', 'Ikeda'], ['橋本', 'Hashimoto'], ['阿部', 'Abe'],
  ['石川', 'Ishikawa'], ['山下', 'Yamashita'], ['中島', 'Nakajima'], ['石井', 'Ishii'], ['小川', 'Ogawa'],
  ['前田', 'Maeda'], ['岡田', 'Okada'], ['長谷川', 'Hasegawa'], ['藤田', 'Fujita'], ['後藤', 'Goto'],
  ['近藤', 'Kondo'], ['村上', 'Murakami'], ['遠藤', 'Endo'], ['青木', 'Aoki'], ['坂本', 'Sakamoto'],
];

/** Given names (men's and women's) with their Hepburn spelling. */
export const GIVEN_NAMES: ReadonlyArray<readonly [kanji: string, romaji: string]> = [
  ['健太', 'Kenta'], ['翔太', 'Shota'], ['大輔', 'Daisuke'], ['拓也', 'Takuya'], ['直樹', 'Naoki'],
  ['悠斗', 'Yuto'], ['蓮', 'Ren'], ['陽翔', 'Haruto'], ['大樹', 'Daiki'], ['亮', 'Ryo'],
  ['誠', 'Makoto'], ['和也', 'Kazuya'], ['浩二', 'Koji'], ['隆', 'Takashi'], ['修', 'Osamu'],
  ['剛', 'Tsuyoshi'], ['達也', 'Tatsuya'], ['一郎', 'Ichiro'], ['智也', 'Tomoya'], ['雄介', 'Yusuke'],
  ['美咲', 'Misaki'], ['陽菜', 'Hina'], ['結衣', 'Yui'], ['さくら', 'Sakura'], ['愛', 'Ai'],
  ['彩', 'Aya'], ['真由美', 'Mayumi'], ['恵', 'Megumi'], ['由美', 'Yumi'], ['優子', 'Yuko'],
  ['千尋', 'Chihiro'], ['奈々', 'Nana'], ['花子', 'Hanako'], ['明美', 'Akemi'], ['麻衣', 'Mai'],
  ['香織', 'Kaori'], ['沙織', 'Saori'], ['裕子', 'Yuko'], ['理恵', 'Rie'], ['早紀', 'Saki'],
];
