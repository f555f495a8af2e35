/**
 * A catalogue message compiled once into a function that writes its text straight from the
 * parameters. intl-messageformat parses the message (its AST is the truth); formatting through it
 * builds and merges an array of parts on every call and memoizes its plural rules by
 * JSON.stringify of their arguments, which made most of an answer's garbage. The compiled
 * function gives the same text for the element kinds the catalogues use (literal, argument,
 * number without style, select, plural, #) and for the values they are given (strings and
 * numbers); for anything else it returns undefined and the caller formats through the library,
 * so an error (a missing parameter) reads as before.
 */

/** The part of an ICU element read here (@formatjs/icu-messageformat-parser's types, by number). */
interface Element {
  type: number;
  value?: unknown;
  style?: unknown;
  options?: Record<string, { value: Element[] }>;
  offset?: number;
  pluralType?: string;
}

const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;

export type Params = Readonly<Record<string, string | number>> | undefined;

/** One piece of the text; undefined when the library must format this call instead. */
type Piece = (params: Params, pluralValue: number | undefined) => string | undefined;

export interface MessageFormatters {
  /** Formats a number as `{n, number}` and `#` do. */
  number(n: number | string): string;
  /** The plural category of a number (cardinal). */
  plural(n: number): string;
}

/** A parameter's value, or undefined when it is missing or of a type the library would treat otherwise. */
function paramOf(params: Params, name: string): string | number | undefined {
  if (!params || !(name in params)) return undefined;
  const value = params[name];
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function compileAll(elements: readonly Element[], f: MessageFormatters): Piece[] | undefined {
  const pieces: Piece[] = [];
  for (const el of elements) {
    const piece = compileOne(el, f);
    if (!piece) return undefined;
    pieces.push(piece);
  }
  return pieces;
}

function joined(pieces: Piece[]): Piece {
  if (pieces.length === 1) return pieces[0] as Piece;
  return (params, pluralValue) => {
    let text = '';
    for (const piece of pieces) {
      const part = piece(params, pluralValue);
      if (part === undefined) return undefined;
      text += part;
    }
    return text;
  };
}

function compileOptions(el: Element, f: MessageFormatters): Map<string, Piece> | undefined {
  const options = new Map<string, Piece>();
  for (const [key, option] of Object.entries(el.options ?? {})) {
    const pieces = compileAll(option.value, f);
    if (!pieces) return undefined;
    options.set(key, joined(pieces));
  }
  return options;
}

function compileOne(el: Element, f: MessageFormatters): Piece | undefined {
  const name = String(el.value);
  switch (el.type) {
    case LITERAL: {
      const text = String(el.value);
      return () => text;
    }
    case ARGUMENT:
      return (params) => {
        const value = paramOf(params, name);
        return value === undefined ? undefined : String(value);
      };
    case NUMBER:
      if (el.style !== null && el.style !== undefined) return undefined;
      return (params) => {
        const value = paramOf(params, name);
        return value === undefined ? undefined : f.number(value);
      };
    case POUND:
      return (_params, pluralValue) => (typeof pluralValue === 'number' ? f.number(pluralValue) : '');
    case SELECT: {
      const options = compileOptions(el, f);
      if (!options) return undefined;
      // A select's branches see no plural value: a # inside one writes nothing, as in the library.
      return (params) => {
        const value = paramOf(params, name);
        if (value === undefined) return undefined;
        const option = options.get(String(value)) ?? options.get('other');
        return option ? option(params, undefined) : undefined;
      };
    }
    case PLURAL: {
      const options = el.pluralType === 'cardinal' ? compileOptions(el, f) : undefined;
      if (!options) return undefined;
      const offset = el.offset || 0;
      return (params) => {
        const value = paramOf(params, name);
        if (typeof value !== 'number') return undefined;
        const option = options.get(`=${value}`) ?? options.get(f.plural(value - offset)) ?? options.get('other');
        return option ? option(params, value - offset) : undefined;
      };
    }
    default:
      return undefined;
  }
}

/**
 * The message's AST compiled; undefined when it uses an element kind not handled here (the
 * library formats it then). Option keys are own properties of the AST's options, as the library
 * looks them up.
 */
export function compileMessage(
  ast: readonly unknown[],
  formatters: MessageFormatters,
): ((params: Params) => string | undefined) | undefined {
  const pieces = compileAll(ast as readonly Element[], formatters);
  if (!pieces) return undefined;
  if (pieces.length === 0) return () => '';
  const piece = joined(pieces);
  return (params) => piece(params, undefined);
}
