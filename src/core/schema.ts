/**
 * The shapes of amiport's data files, checked with zod when they are loaded. zod is loaded only
 * when a file needs checking (see data-stamp.ts): it is most of the command line's start-up time.
 */
import { createRequire } from "node:module";
import type * as Zod from "zod";

export const PROTOCOLS = ["TCP", "UDP", "ICMPv4", "ICMPv6", "2", "41", "Any"] as const;
export const DIRECTIONS = ["In", "Out"] as const;
export const SOURCES = ["aws-current", "aws-2022-04", "windows-predefined"] as const;

export type Protocol = (typeof PROTOCOLS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type Source = (typeof SOURCES)[number];

/** The schemas, built with `z`: {@link dataSchemas} for amiport, built once. */
export function buildSchemas(z: typeof Zod) {
  const text = z.string().trim().min(1);
  /** A port cell as published: a number, list, range, keyword, `Any`, or null for an empty cell. */
  const portCell = text.nullable();

  const correctionSchema = z
    .object({
      local: portCell.optional(),
      remote: portCell.optional(),
      direction: z.enum(DIRECTIONS).optional(),
      reason: text,
    })
    .strict();

  const ruleRowSchema = z
    .object({
      id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "ids look like <rule-slug>.<os-group>"),
      section: text,
      os: z.array(text),
      rule: text,
      definition: text.nullable(),
      local: portCell,
      remote: portCell,
      protocol: z.enum(PROTOCOLS),
      direction: z.enum(DIRECTIONS),
      source: z.enum(SOURCES),
      correction: correctionSchema.optional(),
      /**
       * amiport's reading of this row of the AWS page (plain text), or a fact from another page,
       * which always names its source: a key of the file's `noteSources`.
       */
      notes: z.array(z.union([text, z.object({ text, source: text }).strict()])).optional(),
    })
    .strict();

  const portsFileSchema = z.object({
    title: text,
    publisher: text,
    url: z.url(),
    license: text,
    retrieved: text,
    /** SHA-256 of the saved copy of the page the rules were last refreshed from (`npm run data:refresh`). */
    pageSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    sources: z.record(z.enum(SOURCES), text),
    /** The pages that sourced notes cite, by key. */
    noteSources: z
      .record(
        z.string().regex(/^[a-z0-9-]+$/),
        z.object({ title: text, publisher: text, url: z.url(), retrieved: text }).strict(),
      )
      .optional(),
    sections: z.array(z.object({ name: text, anchor: text.nullable() }).strict()).min(1),
    operatingSystems: z.array(text).min(1),
    portKeywords: z.record(z.string(), text),
    protocolNumbers: z.record(z.string(), text),
    rules: z.array(ruleRowSchema).min(1),
  });

  const vocabularyFileSchema = z
    .object({
      keywordPorts: z.record(z.string(), text),
      fillerWords: z.array(text),
      smallTalkWords: z.array(text),
      phrases: z.record(text, text),
      tags: z.array(
        z
          .object({
            section: text.optional(),
            rule: text.optional(),
            words: z.array(text).min(1),
          })
          .strict()
          .refine((tag) => (tag.section === undefined) !== (tag.rule === undefined), {
            message: "a tag names either a section or a rule-name fragment",
          }),
      ),
    })
    .strict();

  const realWordsFileSchema = z.object({ about: text, words: z.array(z.string().regex(/^[a-z0-9]+$/)) }).strict();

  return {
    ruleRow: ruleRowSchema,
    portsFile: portsFileSchema,
    vocabularyFile: vocabularyFileSchema,
    realWordsFile: realWordsFileSchema,
    commonWordsFile: realWordsFileSchema,
  };
}

type Schemas = ReturnType<typeof buildSchemas>;
/** The data files by their schema's name. */
export type DataSchemaName = "portsFile" | "vocabularyFile" | "realWordsFile" | "commonWordsFile";
let schemas: Schemas | undefined;

/** The data files' schemas, built on first use. */
export function dataSchemas(): Schemas {
  // CommonJS zod through require keeps loading synchronous, so loadRuleBook stays a plain call
  schemas ??= buildSchemas(createRequire(import.meta.url)("zod") as typeof Zod);
  return schemas;
}

export type RuleRow = Zod.infer<Schemas["ruleRow"]>;
export type PortsFile = Zod.infer<Schemas["portsFile"]>;
export type VocabularyFile = Zod.infer<Schemas["vocabularyFile"]>;
export type RealWordsFile = Zod.infer<Schemas["realWordsFile"]>;
