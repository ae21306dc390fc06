/** What parsing one article file yields, before versions and languages are merged into catalogue entries. */
import type { EntryKind, Lang } from '../core/catalogue/schema';

export interface ParsedStep {
  text: string;
  substeps: string[];
  alternative: boolean;
}

/** One entry candidate from one file: a heading section or a table row. */
export interface ParsedUnit {
  kind: EntryKind;
  /** Anchors of the heading (lowercased), in order. For a table row: those of its section. */
  anchors: string[];
  /** For a table row: 1-based row number within its section's table(s). */
  row?: number;
  /** For a table row: how many rows its section has. */
  rowCount?: number;
  /** Every anchor that points into this unit (its heading and folded sub-headings). */
  innerAnchors: string[];
  /** Anchors of another section of the same file that documents the same codes and was folded into this one. */
  alsoAnchors?: string[];
  /** Heading text (markdown-free) in the file's language. */
  heading: string;
  /** A title for this unit in the file's language (heading, plus the message for a row of a multi-row table). */
  title: string;
  codes: string[];
  message?: string;
  operation?: string;
  description: string[];
  steps: ParsedStep[];
  /** In-article anchors this unit names as its causes, in order (resolved to entry ids later). */
  causeAnchors: string[];
  /** Further error messages quoted in the unit (matching aliases). */
  messages: string[];
  line: number;
}

export interface ParsedArticle {
  file: string;
  article: string;
  slug: string;
  lang: Lang;
  locale: string;
  version: string;
  sha256: string;
  title: string;
  titleAnchor: string;
  units: ParsedUnit[];
}
