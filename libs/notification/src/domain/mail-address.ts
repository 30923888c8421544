/** The mail addresses rules and endpoints accept: a local part without spaces, quotes or separators, @, a dotted domain. */
const ADDRESS = /^[^@\s<>",;\p{Cc}]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/u;

/** Whether `text` is a mail address a fixed recipient or an endpoint's contact may be (at most 254 characters). */
export function isMailAddress(text: string): boolean {
  return text.length <= 254 && ADDRESS.test(text);
}
