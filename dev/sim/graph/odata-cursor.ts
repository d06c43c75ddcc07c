/** A small reader for `$filter` text: words, punctuation and OData string literals, case-insensitive. */
export class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }
  /** Consumes `token` (case-insensitive) after optional spaces. */
  eat(token: string): boolean {
    this.skipSpaces();
    if (this.text.slice(this.pos, this.pos + token.length).toLowerCase() !== token.toLowerCase()) return false;
    this.pos += token.length;
    return true;
  }
  /** Consumes a whole word (not the start of a longer identifier). */
  keyword(word: string): boolean {
    const start = this.pos;
    if (!this.eat(word)) return false;
    if (/[A-Za-z0-9_.]/.test(this.text[this.pos] ?? '')) {
      this.pos = start;
      return false;
    }
    return true;
  }
  /** A quoted string literal; `''` stands for one quote. Undefined when not a complete literal. */
  literal(): string | undefined {
    this.skipSpaces();
    if (this.text[this.pos] !== "'") return undefined;
    let value = '';
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const char = this.text[i]!;
      if (char !== "'") {
        value += char;
        continue;
      }
      if (this.text[i + 1] === "'") {
        value += "'";
        i++;
        continue;
      }
      this.pos = i + 1;
      return value;
    }
    return undefined;
  }
  atEnd(): boolean {
    this.skipSpaces();
    return this.pos >= this.text.length;
  }
}
