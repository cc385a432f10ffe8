/**
 * Word lists the scorer reads beside the tagger's parts of speech and entities. The tagger
 * (wink-nlp's English model) finds numbers, dates, money and percentages; these lists add
 * what it does not model: who says something, how sure they are, and which proper names
 * are people or organisations.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Lemmas of verbs that attribute a statement to someone. */
export const SPEECH_VERBS = set(`
  say tell report testify announce state claim confirm deny estimate allege write insist acknowledge
  admit warn disclose reveal conclude find assert declare publish record document tweet post
  add explain note argue complain predict pledge promise vow accuse charge concede calculate count
  survey measure poll indicate
`);

/** Words that make a statement tentative. */
export const HEDGES = set(`
  maybe perhaps possibly probably presumably apparently arguably seemingly supposedly might may
  seem seems seemed appear appears appeared suggest suggests suggesting likely unlikely unclear
  somewhat kind sort guess suspect speculate imagine wonder
`);

/** Evaluative words that mark a sentence as the writer's opinion rather than a checkable fact. */
export const EVALUATIVE = set(`
  obvious obviously clearly surely undoubtedly absurd ridiculous outrageous shameful disgraceful
  disgusting terrible awful horrible stupid idiot idiotic dumb dorky silly simpering pathetic
  laughable ludicrous disastrous brilliant wonderful amazing fantastic great excellent genius
  interesting fascinating boring sad shocking appalling deplorable despicable evil insane crazy
  ugly beautiful lovely nasty wicked dreadful grotesque cynical naive important best worst
`);

/** First-person singular words: outside a quotation they mark the writer's own view. */
export const FIRST_PERSON = set(`i i'm i've i'd i'll me my mine myself`);

/** Verbs that call on the reader or others to act ("should"). */
export const PRESCRIPTIVE = set(`should shouldn't ought must needs`);

/** Words that, after a capitalised name, say it names an organisation. */
export const ORGANISATION_WORDS = set(`
  department ministry commission agency authority council committee court bank university college
  school institute party police corp corporation inc ltd llc plc co company group association
  foundation office service services parliament congress senate assembly army navy forces force
  guard board bureau fund trust organisation organization federation network news times post
  journal press tribune herald telegraph guardian pentagon kremlin hospital clinic laboratory labs
  center centre club union church airlines airways motors systems technologies pharmaceuticals
  energy reserve administration tribunal cabinet secretariat coalition alliance movement campaign
  battalion brigade commission institution inquiry review observatory society academy
  exchange industries holdings partners cartel regiment division unit house
`);

/** Words that, ending a capitalised name, say it names a place. */
export const PLACE_WORDS = set(`
  sea ocean river lake mountain mountains island islands street avenue road square park valley bay
  gulf coast city county state states province republic kingdom peninsula station hall bridge
  airport port canal desert forest region district heights hills beach strait channel basin
  africa america europe asia oceania arctic antarctica
`);

/** Acronyms that name places, not organisations. */
export const PLACE_ACRONYMS = set(`us u.s. usa u.s.a. uk u.k. uae dc d.c. ussr`);

/** Titles that make the capitalised word after them a person's name. */
export const PERSON_TITLES = set(`
  mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president senator sen sen.
  representative rep rep. governor gov gov. judge justice minister chancellor general gen gen.
  colonel col col. captain capt capt. sergeant sgt sgt. lieutenant lt lt. officer detective mayor
  secretary director chairman chairwoman chair ceo spokesman spokeswoman spokesperson pope king
  queen prince princess ambassador commissioner inspector professor doctor rev rev. reverend
  father sister brother saint st. premier chief deputy
`);

/** Month and weekday names: a capitalised word the tagger may call a proper noun. */
export const CALENDAR = set(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday
`);

/** Words ending in -er/-est that are not comparatives or superlatives. */
export const NOT_COMPARISON = set(`
  other another former latter later earlier further never ever whether rather together after
  over under however whatever whenever wherever either neither per super inner outer upper
  lower interest honest modest earnest forest protest request contest suggest digest manifest
  best west rest test
`);

/** Nouns that measure: a number before one is a quantity. */
export const UNITS = set(`
  percent pct km kilometres kilometers metres meters miles mile feet foot inches tonnes tons
  kilograms kg pounds lbs litres liters gallons barrels acres hectares degrees celsius fahrenheit
  megawatts gigawatts kwh hours days weeks months years minutes seconds people residents workers
  votes cases deaths jobs homes households patients children students times points
`);

/** Words a sentence may open with that are not imperatives even when the tagger says verb. */
export const NOT_IMPERATIVE = set(`according given including considering following regarding based let's`);

/** Abbreviations that never end a sentence: one ending in them runs on. */
export const NEVER_FINAL = set(`
  mr mrs ms dr prof sen rep gov gen col capt sgt lt st jr sr ph vs approx dept univ
  fig figs vol vols jan feb mar apr jun jul aug sep sept oct nov dec
`);
