/**
 * The scoring model of the matcher in one place: every signal, its weight and every threshold, one comment each.
 * docs/matching.md explains how they fit together. Nothing else in src/core/matching holds a tuned number.
 */
export const MODEL = {
  // ── Input ────────────────────────────────────────────────────────────────────────────────────────────────
  /** A paste is cut to this many characters first: hostile input costs bounded time; the head carries the error. */
  maxInputChars: 16_000,
  /** Code-like tokens longer than this are ignored (no code is anywhere near it). */
  maxCodeChars: 80,

  // ── Text evidence: where a feature sits in the entry ────────────────────────────────────────────────────
  /** Title, message, older wordings and the words of the entry's codes: what the error itself says. */
  nameStrength: 1,
  /**
   * Description, steps, cause text, operation: what the article says about the error; and the curated symptom
   * wordings (knowledge/symptoms), what people say about it (at name strength they answered unrelated chatter:
   * the visible negatives left silent fell from 99 % to 91 %).
   */
  bodyStrength: 0.55,

  /** A feature weighs idf^this: above 1, one rare name (iaasvmprovider) outweighs several everyday words. */
  rarityExponent: 1.5,

  // ── Text evidence: what kind of feature it is ────────────────────────────────────────────────────────────
  /** A glossary concept (one meaning across en/ko/nl): the cross-language evidence. */
  conceptChannel: 1.2,
  /** A Latin word (stemmed). */
  wordChannel: 1,
  /** A component's name (a camel-case or joined token, or a word the catalogue only writes inside one). */
  nameBoost: 2,
  /** A Hangul bigram: overlapping, so two of them make roughly one word. */
  hangulChannel: 0.5,
  /**
   * Two adjacent content words in order (any passage): "agent … snapshot status" vs "agent status unavailable"; and
   * two neighbouring concepts in either order, so "스냅샷 상태" meets "snapshot status" (refit with those: 0.6 → 0.4).
   */
  phraseChannel: 0.4,
  /** Weight of a paste word the catalogue never uses: the paste is partly about something else. */
  unknownWordWeight: 0.3,
  /** A paste feature lighter than this (in units of a unique feature) only adds to entries a rarer one found. */
  newCandidateWeight: 0.05,
  /** A paste word the catalogue never uses, this long or longer, is read as the one word it is a typo of. */
  typoMinLength: 7,
  /** How many unknown words of a paste are tried as typos (bounds the work for a long paste). */
  maxTypoWords: 12,
  /** A typo'd word counts this share of the word it was read as. */
  typoFactor: 0.8,
  /** Only the paste's rarest features are looked up: bounds the work for a long paste, whatever the catalogue. */
  maxQueryFeatures: 48,

  // ── Text score: odds = (evidence / evenEvidence)^a × explained^b × coverage^c, score = odds / (1 + odds) ──
  // (exponents from a logistic fit of "top entry right" on the visible sets and own negatives, then rounded)
  /** Shared evidence (in unique-feature units) at which a paste fully explained by the entry is even odds. */
  evenEvidence: 1.1,
  /** How fast the odds grow with shared distinctive evidence. */
  evidenceExponent: 2,
  /** How much the share of the paste the entry explains counts (unexplained words: the paste is about more). */
  explainedExponent: 1.5,
  /** How much the best-retold passage of the entry counts (a message retold vs words scattered over steps). */
  coverageExponent: 0.5,
  /**
   * A passage counts as retold once the paste shares this much of its distinctiveness: only long steps are capped,
   * so a title retold outweighs a few words of a long step (refit on the visible sets: flat from 5 to 15).
   */
  passageCap: 8,
  /** Mass added to a passage so that a two-word title is not "fully retold" by one shared word. */
  passagePrior: 0.5,
  /** How many entries (most matched evidence first) are compared passage by passage. */
  passageCandidates: 24,
  /** Guides are generic checklists: rarely what a pasted error is about. */
  guidePrior: 0.8,

  // ── Code evidence ───────────────────────────────────────────────────────────────────────────────────────
  /** A catalogue code named exactly (or a numeric/hex ID where the text says it is an ID). */
  codeExact: 0.93,
  /** Lost per typo of a long code name (UserErrorGuestAgentStatusUnavailabe). */
  codeTypo: 0.05,
  /** An HRESULT (0x80070005) in other text: every Windows product prints it (a paste of just it is an exact code). */
  codeGeneric: 0.35,
  /** A bare catalogue number with no "ID"/"error" next to it, when the paste says little else. */
  codeBareNumber: 0.8,
  /** Text and a code that agree are independent evidence: combined as a noisy-or with this share of the text. */
  codeTextAgreement: 0.6,
  /** An error code of the Azure Backup family that is in no entry: the paste is about an error we do not know. */
  unknownCodeFactor: 0.35,
  /** Another product's error code (AuthorizationPermissionMismatch) and none of ours: shared wording is chance. */
  foreignCodeFactor: 0.6,
  /** The text says which of several codes matters ("the main error is …"): the others' scores are × this. */
  mentionedFactor: 0.5,
  /** A code is pasted: entries with codes of their own, none pasted, are other errors (their text score × this). */
  otherCodeFactor: 0.5,

  // ── Verdict ─────────────────────────────────────────────────────────────────────────────────────────────
  /**
   * Default best score at or above which (with the margin) the bot answers unprompted; MATCH_CONFIDENT_THRESHOLD.
   * With the margin below, the lowest threshold that keeps confident precision ≥ 99 % on the visible sets. From
   * `ambiguous` up, an answer the articles' own text alone also ranks first is confident too (with the margin); a
   * text answer it does not rank first is `none`.
   */
  confident: 0.6,
  /**
   * Default best score below which nothing is said; MATCH_AMBIGUOUS_THRESHOLD. The lowest that keeps 98 % of the
   * visible negatives silent (0.4 before the symptom wordings lifted every entry's scores).
   */
  ambiguous: 0.5,
  /** For `confident` the best must lead the runner-up by this much in log-odds (1.5 ≈ 0.9 against 0.67). */
  confidentMargin: 1.5,
  /** Results scoring below this share of the best are not worth showing. */
  resultShare: 0.1,
} as const;
