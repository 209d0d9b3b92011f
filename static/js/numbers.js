// Numbers the Vietnamese way in the browser: 55.802 and 95,4 (dot for thousands, comma for decimals).
// The twin of indicators/numbers.py, whose docstring states the rule; both are tested against
// tests/number_cases.json, so a figure previewed here is the figure the server will read and show.

const IGNORED = /[ \t\r\n\u00a0\u2007\u2009\u202f]/g;
const GROUPED = '[1-9][0-9]{0,2}(?:\\.[0-9]{3})+';
// A comma number: grouped or plain digits before the comma (or none, ",5"), digits after it.
const WITH_COMMA = new RegExp(`^([-\u2212+]?)(${GROUPED}|[0-9]*)(?:,([0-9]+))?$`);
// Otherwise one dot is a decimal point ("1234.567", "0.802").
const WITH_DOT = /^([-\u2212+]?)([0-9]*)\.([0-9]+)$/;

// Typed text → a Number; null when blank; NaN when it is not a number (never throws).
export function parseNumber(text) {
  if (text === null || text === undefined) return null;
  const compact = String(text).replace(IGNORED, '');
  if (!compact) return null;
  let match = WITH_COMMA.exec(compact);
  let whole;
  if (match) {
    whole = match[2].replace(/\./g, '');
  } else {
    match = WITH_DOT.exec(compact);
    if (!match) return NaN;
    whole = match[2];
  }
  const fraction = match[3] || '';
  if (!whole && !fraction) return NaN;
  const sign = match[1] === '-' || match[1] === '\u2212' ? '-' : '';
  return Number(`${sign}${whole || '0'}${fraction ? '.' + fraction : ''}`);
}

// A number (or a machine-written numeric string, "95.40", "1e-7") as sign and decimal digits.
function digitsOf(value) {
  const match = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(String(value).trim());
  if (!match || !(match[2] || match[3])) return null;
  let whole = match[2];
  let fraction = match[3] || '';
  const shift = Number(match[4] || 0);
  if (shift > 0) {
    const moved = fraction.padEnd(shift, '0');
    whole += moved.slice(0, shift);
    fraction = moved.slice(shift);
  } else if (shift < 0) {
    const moved = whole.padStart(-shift, '0');
    fraction = moved.slice(moved.length + shift) + fraction;
    whole = moved.slice(0, moved.length + shift);
  }
  return { negative: match[1] === '-', whole: whole.replace(/^0+/, '') || '0', fraction };
}

// Half away from zero on the decimal digits, as Python's Decimal does: 1.005 to 2 places is 1,01
// (toFixed says 1.00, because the float underneath is a hair below 1.005).
function roundDigits(whole, fraction, places) {
  if (fraction.length <= places) return [whole, fraction.padEnd(places, '0')];
  const digits = (whole + fraction.slice(0, places)).split('');
  if (fraction[places] >= '5') {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === '9') digits[i--] = '0';
    if (i >= 0) digits[i] = String(Number(digits[i]) + 1);
    else digits.unshift('1');
  }
  const cut = digits.length - places;
  return [digits.slice(0, cut).join('').replace(/^0+/, '') || '0', digits.slice(cut).join('')];
}

// "55.802", "95,4", "1.234,50": `places` decimals (rounded half away from zero), or the number's own
// when null; `trim` drops the zeros the rounding leaves at the end. null, undefined and '' give '';
// NaN and infinities give ''; text that is not a number is returned as it is.
export function formatNumber(value, places = null, trim = false) {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  const parts = digitsOf(value);
  if (!parts) return String(value);
  let { whole, fraction } = parts;
  if (places === null || places === undefined) {
    fraction = fraction.replace(/0+$/, '');
  } else {
    [whole, fraction] = roundDigits(whole, fraction, places);
    if (trim) fraction = fraction.replace(/0+$/, '');
  }
  const zero = /^0*$/.test(whole + fraction);
  const grouped = whole.replace(/\B(?=([0-9]{3})+$)/g, '.');
  return (parts.negative && !zero ? '-' : '') + grouped + (fraction ? ',' + fraction : '');
}
