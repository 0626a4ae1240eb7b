//! Reading prices out of exchange responses, exactly.
//!
//! - [`JsonPath`]: a path into a JSON document as exchanges need it: `price`, `data.amount`,
//!   `result.XXBTZUSD.c[0]`, `[0].last`, `data[0].last`, `result.list[0].lastPrice`.
//! - [`extract`]: finds the value at a path in a response body without building a document tree
//!   (a single forward scan, no allocation).
//! - [`parse_decimal`]: turns the number found there (a JSON number, or a JSON string holding one,
//!   in plain or exponent notation) into a fixed-point `i128` with the feed's decimals, rounding
//!   half to even on the digits the feed does not keep. No floating point anywhere.

use alloc::vec::Vec;

/// Why a value could not be read from a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
	/// The body is not JSON.
	Malformed,
	/// The JSON ends early (a truncated body).
	Truncated,
	/// Something other than whitespace follows the document.
	TrailingGarbage,
	/// A key on the path appears twice in its object: JSON parsers disagree on which one wins
	/// (most take the last), so neither is taken.
	DuplicateKey,
	/// A key or an index of the path is not in the document.
	PathNotFound,
	/// The value at the path is neither a number nor a string holding one.
	NotANumber,
	/// The number does not fit the feed's fixed point (`i128` with its decimals).
	Overflow,
}

/// A step of a [`JsonPath`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<'a> {
	/// A key of an object.
	Key(&'a [u8]),
	/// An index into an array.
	Index(u32),
}

/// Why a path is not a valid [`JsonPath`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathError {
	/// The path is empty.
	Empty,
	/// A key is empty (`a..b`, `.a`, `a.`).
	EmptyKey,
	/// A bracket is not a closed, decimal, in-range index (`a[`, `a[x]`, `a[-1]`).
	BadIndex,
	/// Something follows an index other than `.` or `[` (`a[0]b`).
	Junk,
	/// The path has more than [`MAX_PATH_STEPS`] steps.
	TooDeep,
}

/// The most steps a path may have.
pub const MAX_PATH_STEPS: usize = 16;

/// A validated path into a JSON document.
///
/// Grammar: `path := (key | index) ( '.' key | index )*`, `key := [^.[\]]+`,
/// `index := '[' digits ']'`. Keys are matched byte for byte against the document's keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonPath<'a> {
	steps: Vec<Step<'a>>,
}

impl<'a> JsonPath<'a> {
	/// Parses and validates `path`.
	pub fn parse(path: &'a [u8]) -> Result<Self, PathError> {
		if path.is_empty() {
			return Err(PathError::Empty);
		}
		let mut steps = Vec::new();
		let mut rest = path;
		let mut first = true;
		while !rest.is_empty() {
			match rest.first() {
				Some(b'[') => {
					let close = rest.iter().position(|b| *b == b']').ok_or(PathError::BadIndex)?;
					let digits = rest.get(1..close).ok_or(PathError::BadIndex)?;
					steps.push(Step::Index(parse_index(digits)?));
					rest = rest.get(close.saturating_add(1)..).unwrap_or_default();
					// After an index: end, another index, or `.key`.
					match rest.first() {
						None | Some(b'[') => {},
						Some(b'.') => {
							rest = rest.get(1..).unwrap_or_default();
							if rest.is_empty() {
								return Err(PathError::EmptyKey);
							}
							if rest.first() == Some(&b'[') || rest.first() == Some(&b'.') {
								return Err(PathError::EmptyKey);
							}
						},
						Some(_) => return Err(PathError::Junk),
					}
				},
				Some(b'.') if first => return Err(PathError::EmptyKey),
				Some(_) => {
					let end = rest
						.iter()
						.position(|b| matches!(b, b'.' | b'[' | b']'))
						.unwrap_or(rest.len());
					let (key, tail) = rest.split_at(end);
					if key.is_empty() {
						return Err(PathError::EmptyKey);
					}
					steps.push(Step::Key(key));
					rest = tail;
					match rest.first() {
						None | Some(b'[') => {},
						Some(b'.') => {
							rest = rest.get(1..).unwrap_or_default();
							if rest.is_empty() || rest.first() == Some(&b'.') {
								return Err(PathError::EmptyKey);
							}
							if rest.first() == Some(&b'[') {
								return Err(PathError::EmptyKey);
							}
						},
						Some(_) => return Err(PathError::BadIndex),
					}
				},
				None => break,
			}
			first = false;
			if steps.len() > MAX_PATH_STEPS {
				return Err(PathError::TooDeep);
			}
		}
		Ok(JsonPath { steps })
	}

	/// The steps of the path.
	pub fn steps(&self) -> &[Step<'a>] {
		&self.steps
	}
}

fn parse_index(digits: &[u8]) -> Result<u32, PathError> {
	if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
		return Err(PathError::BadIndex);
	}
	// At most 9 digits: below 10^9, no overflow; saturating all the same.
	Ok(digits
		.iter()
		.fold(0u32, |n, d| n.saturating_mul(10).saturating_add(u32::from(d.saturating_sub(b'0')))))
}

/// A forward-only reader over a JSON text.
struct Scanner<'a> {
	bytes: &'a [u8],
	pos: usize,
	/// Nesting depth, bounded so that hostile input cannot exhaust the stack.
	depth: u32,
}

/// The deepest nesting the scanner follows.
const MAX_DEPTH: u32 = 64;

impl<'a> Scanner<'a> {
	/// Moves the cursor `n` bytes on (past the end stays past the end).
	fn advance(&mut self, n: usize) {
		self.pos = self.pos.saturating_add(n);
	}

	fn peek(&self) -> Option<u8> {
		self.bytes.get(self.pos).copied()
	}

	fn skip_ws(&mut self) {
		while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
			self.advance(1);
		}
	}

	fn expect(&mut self, byte: u8) -> Result<(), ParseError> {
		self.skip_ws();
		if self.peek() == Some(byte) {
			self.advance(1);
			Ok(())
		} else {
			Err(ParseError::Malformed)
		}
	}

	/// Reads a string at the cursor; returns its raw content (escapes left as they are, but
	/// checked: only JSON's escapes, `\\u` with four hex digits; no raw control character).
	fn string(&mut self) -> Result<&'a [u8], ParseError> {
		self.expect(b'"')?;
		let start = self.pos;
		loop {
			match self.peek() {
				None => return Err(ParseError::Malformed),
				Some(b'"') => break,
				Some(b'\\') => self.escape()?,
				Some(0x00..=0x1f) => return Err(ParseError::Malformed),
				Some(_) => self.advance(1),
			}
		}
		let content = self.bytes.get(start..self.pos).ok_or(ParseError::Malformed)?;
		self.advance(1);
		Ok(content)
	}

	/// Checks and passes the escape at the cursor (at its backslash).
	fn escape(&mut self) -> Result<(), ParseError> {
		let unit = |scanner: &Self, at: usize| -> Result<Option<u32>, ParseError> {
			let end = at.saturating_add(6);
			let Some(escape) = scanner.bytes.get(at..end) else {
				// Cut short inside the escape: a truncated body if nothing else follows.
				let rest = scanner.bytes.get(at..).unwrap_or_default();
				let prefix = rest.iter().enumerate().all(|(index, byte)| match index {
					0 => *byte == b'\\',
					1 => *byte == b'u',
					_ => byte.is_ascii_hexdigit(),
				});
				return if prefix { Ok(None) } else { Err(ParseError::Malformed) };
			};
			let digits = escape.strip_prefix(b"\\u").ok_or(ParseError::Malformed)?;
			let text = core::str::from_utf8(digits).map_err(|_| ParseError::Malformed)?;
			if !digits.iter().all(u8::is_ascii_hexdigit) {
				return Err(ParseError::Malformed);
			}
			u32::from_str_radix(text, 16).map(Some).map_err(|_| ParseError::Malformed)
		};
		let truncated = |scanner: &mut Self| {
			scanner.pos = scanner.bytes.len();
			Err(ParseError::Malformed)
		};
		match self.bytes.get(self.pos.saturating_add(1)) {
			Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
				self.advance(2);
				Ok(())
			},
			Some(b'u') => {
				if unit(self, self.pos)?.is_none() {
					return truncated(self);
				}
				self.advance(6);
				// Surrogates, paired or not, as RFC 8259's grammar takes them: a lone one (a
				// JavaScript string cut inside a character, echoed by a venue) only fails a key
				// that the path compares, where the key is decoded.
				Ok(())
			},
			None => truncated(self),
			Some(_) => Err(ParseError::Malformed),
		}
	}

	/// Reads a JSON number at the cursor.
	fn number(&mut self) -> Result<&'a [u8], ParseError> {
		let token = self.token();
		if json_number(token) {
			Ok(token)
		} else {
			Err(ParseError::Malformed)
		}
	}

	/// Reads a number or literal token at the cursor.
	fn token(&mut self) -> &'a [u8] {
		let start = self.pos;
		while matches!(
			self.peek(),
			Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' | b'a'..=b'z')
		) {
			self.advance(1);
		}
		self.bytes.get(start..self.pos).unwrap_or_default()
	}

	/// Skips the value at the cursor.
	fn skip_value(&mut self) -> Result<(), ParseError> {
		self.skip_ws();
		match self.peek() {
			Some(b'"') => self.string().map(|_| ()),
			Some(b'{') => self.skip_container(b'}', true),
			Some(b'[') => self.skip_container(b']', false),
			Some(_) => {
				let token = self.token();
				if json_number(token) || matches!(token, b"true" | b"false" | b"null") {
					Ok(())
				} else {
					Err(ParseError::Malformed)
				}
			},
			None => Err(ParseError::Malformed),
		}
	}

	/// Skips the object (`keyed`, closed by `}`) or array (closed by `]`) at the cursor.
	fn skip_container(&mut self, close: u8, keyed: bool) -> Result<(), ParseError> {
		self.enter()?;
		self.advance(1);
		self.skip_ws();
		if self.peek() == Some(close) {
			self.advance(1);
			return self.leave();
		}
		loop {
			if keyed {
				self.string()?;
				self.expect(b':')?;
			}
			self.skip_value()?;
			self.skip_ws();
			match self.peek() {
				Some(b',') => self.advance(1),
				Some(byte) if byte == close => {
					self.advance(1);
					return self.leave();
				},
				_ => return Err(ParseError::Malformed),
			}
		}
	}

	fn enter(&mut self) -> Result<(), ParseError> {
		self.depth = self.depth.saturating_add(1);
		if self.depth > MAX_DEPTH {
			return Err(ParseError::Malformed);
		}
		Ok(())
	}

	fn leave(&mut self) -> Result<(), ParseError> {
		self.depth = self.depth.saturating_sub(1);
		Ok(())
	}

	/// Moves the cursor to the member `step` names: the value of a key in the object at the
	/// cursor, or an element of the array at the cursor.
	fn find(&mut self, step: &Step) -> Result<(), ParseError> {
		let close = match step {
			Step::Key(_) => b'}',
			Step::Index(_) => b']',
		};
		self.expect(if close == b'}' { b'{' } else { b'[' })?;
		self.skip_ws();
		if self.peek() == Some(close) {
			return Err(ParseError::PathNotFound);
		}
		let mut position = 0u32;
		loop {
			let found = match step {
				Step::Key(key) => {
					let name = self.string()?;
					self.expect(b':')?;
					same_key(name, key)?
				},
				Step::Index(index) => position == *index,
			};
			if found {
				self.skip_ws();
				return Ok(());
			}
			self.skip_value()?;
			self.skip_ws();
			match self.peek() {
				Some(b',') => self.advance(1),
				Some(byte) if byte == close => return Err(ParseError::PathNotFound),
				_ => return Err(ParseError::Malformed),
			}
			position = position.saturating_add(1);
		}
	}
}

/// Whether `token` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn json_number(token: &[u8]) -> bool {
	let digits = |rest: &[u8]| rest.iter().take_while(|b| b.is_ascii_digit()).count();
	let rest = token.strip_prefix(b"-").unwrap_or(token);
	let rest = match rest.first() {
		Some(b'0') => rest.get(1..).unwrap_or_default(),
		Some(b'1'..=b'9') => rest.get(digits(rest)..).unwrap_or_default(),
		_ => return false,
	};
	let rest = match rest.strip_prefix(b".") {
		Some(fraction) => match digits(fraction) {
			0 => return false,
			n => fraction.get(n..).unwrap_or_default(),
		},
		None => rest,
	};
	let rest = match rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
		Some(exponent) => {
			let exponent = exponent
				.strip_prefix(b"+")
				.or_else(|| exponent.strip_prefix(b"-"))
				.unwrap_or(exponent);
			match digits(exponent) {
				0 => return false,
				n => exponent.get(n..).unwrap_or_default(),
			}
		},
		None => rest,
	};
	rest.is_empty()
}

/// Whether the raw content of a JSON string (escapes as written) is `key`: escapes are decoded
/// first, as JSON parsers do, so `"pr\u0069ce"` is the key `price`.
fn same_key(raw: &[u8], key: &[u8]) -> Result<bool, ParseError> {
	if !raw.contains(&b'\\') {
		return Ok(raw == key);
	}
	Ok(unescape(raw).ok_or(ParseError::Malformed)? == key)
}

/// The UTF-8 bytes a JSON string's raw content stands for; `None` for an invalid escape.
fn unescape(raw: &[u8]) -> Option<Vec<u8>> {
	let mut out = Vec::with_capacity(raw.len());
	let mut rest = raw;
	let hex = |digits: &[u8]| -> Option<u32> {
		let text = core::str::from_utf8(digits.get(..4)?).ok()?;
		u32::from_str_radix(text, 16).ok()
	};
	while let Some((&byte, tail)) = rest.split_first() {
		if byte != b'\\' {
			out.push(byte);
			rest = tail;
			continue;
		}
		let (&escape, tail) = tail.split_first()?;
		rest = tail;
		let simple = match escape {
			b'"' => b'"',
			b'\\' => b'\\',
			b'/' => b'/',
			b'b' => 0x08,
			b'f' => 0x0c,
			b'n' => b'\n',
			b'r' => b'\r',
			b't' => b'\t',
			b'u' => {
				let high = hex(rest)?;
				rest = rest.get(4..)?;
				let code = if (0xD800..0xDC00).contains(&high) {
					// A surrogate pair: `\uD83D\uDE00`.
					let low = rest.strip_prefix(b"\\u").and_then(hex)?;
					if !(0xDC00..0xE000).contains(&low) {
						return None;
					}
					rest = rest.get(6..)?;
					// Both halves are in range, so none of these fails.
					high.checked_sub(0xD800)?
						.checked_shl(10)?
						.checked_add(low.checked_sub(0xDC00)?)?
						.checked_add(0x10000)?
				} else {
					high
				};
				let ch = char::from_u32(code)?;
				let mut buf = [0u8; 4];
				out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
				continue;
			},
			_ => return None,
		};
		out.push(simple);
	}
	Some(out)
}

impl<'a> Scanner<'a> {
	/// The number text at `path` (see [`extract`]), checking the whole document.
	fn extract(&mut self, path: &JsonPath) -> Result<&'a [u8], ParseError> {
		// The containers entered on the way, with the key taken in each object, to check the
		// rest of each once the value is read.
		let mut entered: Vec<(u8, Option<&[u8]>)> = Vec::with_capacity(path.steps().len());
		for step in path.steps() {
			self.skip_ws();
			match (step, self.peek()) {
				(Step::Key(_), Some(b'{')) | (Step::Index(_), Some(b'[')) => self.find(step)?,
				(_, None) => return Err(ParseError::Malformed),
				// A key into an array, an index into an object, or into a scalar.
				(_, Some(b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')) => {
					return Err(ParseError::PathNotFound)
				},
				(_, Some(_)) => return Err(ParseError::Malformed),
			}
			entered.push(match step {
				Step::Key(key) => (b'}', Some(*key)),
				Step::Index(_) => (b']', None),
			});
		}
		self.skip_ws();
		let value = match self.peek() {
			Some(b'"') => self.string()?,
			Some(b'-' | b'0'..=b'9') => self.number()?,
			Some(_) => return Err(ParseError::NotANumber),
			None => return Err(ParseError::Malformed),
		};
		// The rest of each container, innermost first: well formed, and no second member under
		// the key the path took.
		for (close, key) in entered.iter().rev() {
			loop {
				self.skip_ws();
				match self.peek() {
					Some(b',') => self.advance(1),
					Some(byte) if byte == *close => {
						self.advance(1);
						break;
					},
					_ => return Err(ParseError::Malformed),
				}
				if let Some(key) = key {
					let name = self.string()?;
					if same_key(name, key)? {
						return Err(ParseError::DuplicateKey);
					}
					self.expect(b':')?;
				}
				self.skip_value()?;
			}
		}
		self.skip_ws();
		if self.peek().is_some() {
			return Err(ParseError::TrailingGarbage);
		}
		Ok(value)
	}
}

/// The number text at `path` in the JSON `body`: a JSON number as written, or the content of a
/// JSON string.
///
/// The whole body is checked, not only the way to the value: a body that ends early is
/// [`ParseError::Truncated`], one followed by anything but whitespace
/// [`ParseError::TrailingGarbage`], and one whose objects on the path hold the path's key twice
/// [`ParseError::DuplicateKey`] (keys compared after decoding their escapes).
pub fn extract<'b>(body: &'b [u8], path: &JsonPath) -> Result<&'b [u8], ParseError> {
	// JSON is UTF-8; a body cut inside a character was cut short.
	if let Err(error) = core::str::from_utf8(body) {
		return Err(if error.error_len().is_none() {
			ParseError::Truncated
		} else {
			ParseError::Malformed
		});
	}
	let mut scanner = Scanner { bytes: body, pos: 0, depth: 0 };
	match scanner.extract(path) {
		// Malformed where the body stops: it was cut short.
		Err(ParseError::Malformed) if scanner.pos >= body.len() => Err(ParseError::Truncated),
		other => other,
	}
}

/// The largest power of ten an `i128` holds.
const MAX_POW10: u32 = 38;

/// `10^exp` as `i128`, if it fits.
pub fn pow10(exp: u32) -> Option<i128> {
	if exp > MAX_POW10 {
		return None;
	}
	10i128.checked_pow(exp)
}

/// Parses a decimal number (`-12.5`, `98234.51000000`, `2.134e-05`, `1E+3`) into a fixed-point
/// value with `decimals` decimals, exactly: the result is `round(number * 10^decimals)`, rounding
/// half to even. Surrounding spaces are allowed; anything else (NaN, Infinity, hex, empty) is
/// [`ParseError::NotANumber`], and values beyond `±i128::MAX` (so `i128::MIN` too, whose
/// magnitude has no `i128`) are [`ParseError::Overflow`].
pub fn parse_decimal(text: &[u8], decimals: u8) -> Result<i128, ParseError> {
	let text = trim(text);
	let (negative, text) = match text.first() {
		Some(b'-') => (true, text.get(1..).unwrap_or_default()),
		Some(b'+') => (false, text.get(1..).unwrap_or_default()),
		_ => (false, text),
	};
	let (mantissa, exponent) = match text.iter().position(|b| *b == b'e' || *b == b'E') {
		Some(at) => (
			text.get(..at).unwrap_or_default(),
			parse_exponent(text.get(at.saturating_add(1)..).unwrap_or_default())?,
		),
		None => (text, 0),
	};
	let (int_part, frac_part) = match mantissa.iter().position(|b| *b == b'.') {
		Some(at) => (
			mantissa.get(..at).unwrap_or_default(),
			mantissa.get(at.saturating_add(1)..).unwrap_or_default(),
		),
		None => (mantissa, &[][..]),
	};
	if int_part.is_empty() && frac_part.is_empty() {
		return Err(ParseError::NotANumber);
	}
	if !int_part.iter().chain(frac_part).all(u8::is_ascii_digit) {
		return Err(ParseError::NotANumber);
	}
	// The value is digits * 10^(exponent - frac_len + decimals); with `shift` the power of ten
	// applied to the digit string.
	let shift = exponent
		.checked_sub(i64::try_from(frac_part.len()).map_err(|_| ParseError::Overflow)?)
		.and_then(|s| s.checked_add(i64::from(decimals)))
		.ok_or(ParseError::Overflow)?;
	let digits = int_part.iter().chain(frac_part).map(|d| d.saturating_sub(b'0'));
	let magnitude = if shift >= 0 {
		let mut value: i128 = 0;
		for d in digits {
			value = value
				.checked_mul(10)
				.and_then(|v| v.checked_add(i128::from(d)))
				.ok_or(ParseError::Overflow)?;
		}
		if value == 0 {
			0
		} else {
			let factor = u32::try_from(shift).ok().and_then(pow10).ok_or(ParseError::Overflow)?;
			value.checked_mul(factor).ok_or(ParseError::Overflow)?
		}
	} else {
		// Drop the last `-shift` digits, rounding half to even.
		let all: Vec<u8> = digits.collect();
		let drop = usize::try_from(shift.unsigned_abs()).map_err(|_| ParseError::Overflow)?;
		let keep = all.len().saturating_sub(drop);
		let (kept, dropped) = all.split_at(keep);
		let mut value: i128 = 0;
		for d in kept {
			value = value
				.checked_mul(10)
				.and_then(|v| v.checked_add(i128::from(*d)))
				.ok_or(ParseError::Overflow)?;
		}
		// Digits beyond the kept ones: compare with one half.
		let round_up = if dropped.len() < drop {
			// All dropped digits are below the first kept position: less than half unless... the
			// number had fewer digits than dropped, so the first dropped digit is an implied 0.
			false
		} else {
			match dropped.first() {
				Some(first) if *first > 5 => true,
				Some(5) => {
					let rest_nonzero = dropped.iter().skip(1).any(|d| *d != 0);
					rest_nonzero || value % 2 == 1
				},
				_ => false,
			}
		};
		if round_up {
			value.checked_add(1).ok_or(ParseError::Overflow)?
		} else {
			value
		}
	};
	Ok(if negative { magnitude.saturating_neg() } else { magnitude })
}

fn parse_exponent(text: &[u8]) -> Result<i64, ParseError> {
	let (negative, digits) = match text.first() {
		Some(b'-') => (true, text.get(1..).unwrap_or_default()),
		Some(b'+') => (false, text.get(1..).unwrap_or_default()),
		_ => (false, text),
	};
	if digits.is_empty() || digits.len() > 4 || !digits.iter().all(u8::is_ascii_digit) {
		return Err(ParseError::NotANumber);
	}
	// At most 4 digits; saturating all the same.
	let value = digits
		.iter()
		.fold(0i64, |n, d| n.saturating_mul(10).saturating_add(i64::from(d.saturating_sub(b'0'))));
	Ok(if negative { value.saturating_neg() } else { value })
}

fn trim(text: &[u8]) -> &[u8] {
	let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
	let end = text
		.iter()
		.rposition(|b| !b.is_ascii_whitespace())
		.map_or(start, |e| e.saturating_add(1));
	text.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn read(body: &str, path: &str, decimals: u8) -> Result<i128, ParseError> {
		let path = JsonPath::parse(path.as_bytes()).expect("valid path");
		parse_decimal(extract(body.as_bytes(), &path)?, decimals)
	}

	/// Response shapes of real exchanges, with the path to their price.
	const VENUES: &[(&str, &str, &str, i128)] = &[
		("binance", r#"{"symbol":"BTCUSDT","price":"98234.51000000"}"#, "price", 98_234_510_000),
		(
			"coinbase",
			r#"{"data":{"amount":"98234.5","base":"BTC","currency":"USD"}}"#,
			"data.amount",
			98_234_500_000,
		),
		(
			"kraken",
			r#"{"error":[],"result":{"XXBTZUSD":{"a":["98235.1","1","1.000"],"b":["98234.8","2","2.000"],"c":["98234.9","0.0005"],"v":["1","2"],"p":["1","2"],"t":[1,2],"l":["1","2"],"h":["1","2"],"o":"97000.0"}}}"#,
			"result.XXBTZUSD.c[0]",
			98_234_900_000,
		),
		(
			"bitstamp",
			r#"{"timestamp":"1732100000","open":"97000","high":"99000","low":"96000","last":"98234","volume":"1234.5","vwap":"98000","bid":"98233","ask":"98235"}"#,
			"last",
			98_234_000_000,
		),
		(
			"okx",
			r#"{"code":"0","msg":"","data":[{"instType":"SPOT","instId":"BTC-USDT","last":"98234.5","askPx":"98234.6","bidPx":"98234.4","ts":"1732100000000"}]}"#,
			"data[0].last",
			98_234_500_000,
		),
		(
			"kucoin",
			r#"{"code":"200000","data":{"time":1732100000000,"sequence":"1","price":"98234.5","size":"0.01","bestBid":"98234.4","bestAsk":"98234.6"}}"#,
			"data.price",
			98_234_500_000,
		),
		(
			"gate",
			r#"[{"currency_pair":"BTC_USDT","last":"98234.5","lowest_ask":"98234.6","highest_bid":"98234.4"}]"#,
			"[0].last",
			98_234_500_000,
		),
		(
			"bybit",
			r#"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbol":"BTCUSDT","lastPrice":"98234.5","bid1Price":"98234.4","ask1Price":"98234.6"}]},"time":1732100000000}"#,
			"result.list[0].lastPrice",
			98_234_500_000,
		),
		("coingecko", r#"{"bitcoin":{"usd":98234.12}}"#, "bitcoin.usd", 98_234_120_000),
		(
			"htx",
			r#"{"ch":"market.btcusdt.detail.merged","status":"ok","ts":1732100000000,"tick":{"open":97000.0,"close":98234.5,"low":96000.0,"high":99000.0,"bid":[98234.4,1.0],"ask":[98234.6,1.0]}}"#,
			"tick.close",
			98_234_500_000,
		),
		(
			"crypto.com",
			r#"{"id":-1,"method":"public/get-tickers","code":0,"result":{"data":[{"i":"BTC_USDT","h":"99000","l":"96000","a":"98234.5","b":"98234.4","k":"98234.6","t":1732100000000}]}}"#,
			"result.data[0].a",
			98_234_500_000,
		),
	];

	#[test]
	fn reads_every_real_exchange_format() {
		for (venue, body, path, expected) in VENUES {
			assert_eq!(read(body, path, 6), Ok(*expected), "{venue}");
		}
	}

	#[test]
	fn reads_exponent_notation_and_small_prices() {
		let body = r#"{"shiba-inu":{"usd":2.134e-05}}"#;
		assert_eq!(read(body, "shiba-inu.usd", 10), Ok(213_400));
		assert_eq!(parse_decimal(b"1E+3", 2), Ok(100_000));
		assert_eq!(parse_decimal(b"-1.5e2", 0), Ok(-150));
		assert_eq!(parse_decimal(b"  42 ", 1), Ok(420));
	}

	#[test]
	fn rounds_half_to_even_beyond_the_feed_decimals() {
		assert_eq!(parse_decimal(b"1.005", 2), Ok(100));
		assert_eq!(parse_decimal(b"1.015", 2), Ok(102));
		assert_eq!(parse_decimal(b"1.0051", 2), Ok(101));
		assert_eq!(parse_decimal(b"1.0049999", 2), Ok(100));
		assert_eq!(parse_decimal(b"-1.015", 2), Ok(-102));
		assert_eq!(parse_decimal(b"5e-1", 0), Ok(0));
		assert_eq!(parse_decimal(b"15e-1", 0), Ok(2));
		assert_eq!(parse_decimal(b"5e-2", 0), Ok(0));
		assert_eq!(parse_decimal(b"98234.51000000", 2), Ok(9_823_451));
	}

	#[test]
	fn rejects_what_is_not_a_number() {
		for text in
			["NaN", "Infinity", "-Infinity", "", "-", ".", "0x10", "1.2.3", "1e", "e5", "1e99999"]
		{
			assert_eq!(parse_decimal(text.as_bytes(), 8), Err(ParseError::NotANumber), "{text}");
		}
		assert_eq!(read(r#"{"price":true}"#, "price", 2), Err(ParseError::NotANumber));
		assert_eq!(read(r#"{"price":null}"#, "price", 2), Err(ParseError::NotANumber));
		assert_eq!(read(r#"{"price":{"a":1}}"#, "price", 2), Err(ParseError::NotANumber));
		assert_eq!(read(r#"{"price":"abc"}"#, "price", 2), Err(ParseError::NotANumber));
	}

	#[test]
	fn rejects_overflow() {
		assert_eq!(parse_decimal(b"1e40", 0), Err(ParseError::Overflow));
		assert_eq!(
			parse_decimal(b"170141183460469231731687303715884105728", 0),
			Err(ParseError::Overflow)
		);
		assert_eq!(parse_decimal(b"1", 39), Err(ParseError::Overflow));
		assert_eq!(parse_decimal(b"170141183460469231731687303715884105727", 0), Ok(i128::MAX));
		assert_eq!(parse_decimal(b"0", 38), Ok(0));
	}

	#[test]
	fn survives_what_real_responses_do() {
		// Empty result lists, Kraken's error shape, HTML from a proxy, truncated bodies.
		assert_eq!(read(r#"{"data":[]}"#, "data[0].last", 2), Err(ParseError::PathNotFound));
		assert_eq!(
			read(r#"{"retCode":0,"result":{"list":[]}}"#, "result.list[0].lastPrice", 2),
			Err(ParseError::PathNotFound)
		);
		assert_eq!(
			read(
				r#"{"error":["EQuery:Unknown asset pair"],"result":{}}"#,
				"result.XXBTZUSD.c[0]",
				2
			),
			Err(ParseError::PathNotFound)
		);
		assert_eq!(
			read("<html><body>502 Bad Gateway</body></html>", "price", 2),
			Err(ParseError::Malformed)
		);
		assert_eq!(read(r#"{"price":"1"#, "price", 2), Err(ParseError::Truncated));
		assert_eq!(read(r#"{"a":1,"#, "price", 2), Err(ParseError::Truncated));
		assert_eq!(read("", "price", 2), Err(ParseError::Truncated));
		// A key of the same name deeper down is not the one the path names.
		assert_eq!(read(r#"{"x":{"price":"1"},"price":"2"}"#, "price", 0), Ok(2));
		// Escaped quotes inside skipped strings do not end them.
		assert_eq!(read(r#"{"note":"a \"price\": 9","price":"3"}"#, "price", 0), Ok(3));
		// A path into the wrong kind of value.
		assert_eq!(read(r#"{"data":{"last":"1"}}"#, "data[0]", 0), Err(ParseError::PathNotFound));
		assert_eq!(read(r#"{"data":["1"]}"#, "data.last", 0), Err(ParseError::PathNotFound));
	}

	#[test]
	fn hostile_nesting_is_bounded() {
		let deep = "[".repeat(10_000);
		let body = alloc::format!(r#"{{"x":{deep},"price":"1"}}"#);
		assert_eq!(read(&body, "price", 0), Err(ParseError::Malformed));
	}

	#[test]
	fn validates_paths() {
		use PathError::*;
		for (path, error) in [
			("", Empty),
			(".a", EmptyKey),
			("a.", EmptyKey),
			("a..b", EmptyKey),
			("a.[0]", EmptyKey),
			("a[", BadIndex),
			("a[x]", BadIndex),
			("a[-1]", BadIndex),
			("a[]", BadIndex),
			("a]", BadIndex),
			("a[0]b", Junk),
			("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q", TooDeep),
		] {
			assert_eq!(JsonPath::parse(path.as_bytes()), Err(error), "{path}");
		}
		let path = JsonPath::parse(b"result.XXBTZUSD.c[0]").expect("valid");
		assert_eq!(
			path.steps(),
			&[Step::Key(b"result"), Step::Key(b"XXBTZUSD"), Step::Key(b"c"), Step::Index(0)]
		);
		assert!(JsonPath::parse(b"[0][1].x").is_ok());
		assert!(JsonPath::parse(b"shiba-inu.usd").is_ok());
	}

	/// A body cut short, followed by something, or holding the path's key twice is refused,
	/// each with its own error: other parsers would read it differently, or not at all.
	#[test]
	fn refuses_truncated_trailing_and_duplicated_bodies() {
		use ParseError::*;
		for (body, path, expected) in [
			(r#"{"price":98"#, "price", Err(Truncated)),
			(r#"{"price":"98""#, "price", Err(Truncated)),
			(r#"{"price":"98","#, "price", Err(Truncated)),
			(r#"{"data":[{"last":"1"}"#, "data[0].last", Err(Truncated)),
			(r#"{"price":"98"}garbage"#, "price", Err(TrailingGarbage)),
			(r#"{"price":"98"}{"price":"1"}"#, "price", Err(TrailingGarbage)),
			(r#"{"price":98 99}"#, "price", Err(Malformed)),
			(r#"{"price":"98",}"#, "price", Err(Malformed)),
			(r#"{"price":"1","price":"2"}"#, "price", Err(DuplicateKey)),
			(r#"{"data":{"amount":"1"},"data":{"amount":"2"}}"#, "data.amount", Err(DuplicateKey)),
			(r#"{"data":{"amount":"1","amount":"2"}}"#, "data.amount", Err(DuplicateKey)),
			(r#"{"price":"1","pr\u0069ce":"2"}"#, "price", Err(DuplicateKey)),
			(r#"{"pr\u0069ce":"2"}"#, "price", Ok(2)),
			(r#"{"k\"ey":"5","price":"2"}"#, "price", Ok(2)),
			(r#"{"\ud83d\ude00":"5","price":"2"}"#, "price", Ok(2)),
			(r#"{"pr\x":"5","price":"2"}"#, "price", Err(Malformed)),
			// Duplicates off the path, and whitespace after the document, are fine.
			(r#"{"a":1,"a":2,"price":"3"}"#, "price", Ok(3)),
			(r#"{"x":{"price":1,"price":2},"price":"3"}"#, "price", Ok(3)),
			("{\"price\":\"4\"}\r\n\t ", "price", Ok(4)),
		] {
			assert_eq!(read(body, path, 0), expected, "{body}");
		}
		assert_eq!(alloc::format!("{:?}", TrailingGarbage).to_lowercase(), "trailinggarbage");
	}

	/// What fuzzing against a strict parser found the scanner accepting: it takes only JSON
	/// (RFC 8259), in every part of the body, not only on the path.
	#[test]
	fn only_json_is_read_anywhere_in_the_body() {
		use ParseError::*;
		let read_bytes = |body: &[u8]| {
			let path = JsonPath::parse(b"p").expect("valid path");
			extract(body, &path).map(|text| parse_decimal(text, 0))
		};
		for (body, expected) in [
			// Not UTF-8, in a string the path does not take.
			(&b"{\"a\":\"\xd3y\",\"p\":1}"[..], Err(Malformed)),
			// Cut inside a character.
			(b"{\"p\":1,\"a\":\"\xc3", Err(Truncated)),
			// Escapes JSON does not have, raw control characters, lone surrogates.
			(br#"{"a":"\x41","p":1}"#, Err(Malformed)),
			(b"{\"a\":\"\x01\",\"p\":1}", Err(Malformed)),
			(br#"{"a":"\u12G4","p":1}"#, Err(Malformed)),
			(br#"{"a":"\u12","p":1}"#, Err(Malformed)),
			// Lone surrogates are JSON's grammar (a venue echoing a string cut inside a
			// character): taken off the path; a key the path compares refuses them.
			(br#"{"a":"\ud800","p":1}"#, Ok(Ok(1))),
			(br#"{"a":"\udc00\ud800x","p":1}"#, Ok(Ok(1))),
			(br#"{"\ud800":1,"p":1}"#, Err(Malformed)),
			// Cut inside an escape.
			(br#"{"p":1,"a":"\u12"#, Err(Truncated)),
			(br#"{"p":1,"a":"\"#, Err(Truncated)),
			// Tokens that are not JSON's numbers or literals.
			(br#"{"a":nul,"p":1}"#, Err(Malformed)),
			(br#"{"a":truex,"p":1}"#, Err(Malformed)),
			(br#"{"a":01,"p":1}"#, Err(Malformed)),
			(br#"{"a":1.,"p":1}"#, Err(Malformed)),
			(br#"{"a":.5,"p":1}"#, Err(Malformed)),
			(br#"{"a":1e,"p":1}"#, Err(Malformed)),
			(br#"{"a":-,"p":1}"#, Err(Malformed)),
			(br#"{"p":1.2.3}"#, Err(Malformed)),
			(br#"{"p":1-2}"#, Err(Malformed)),
			(br#"{"p":1."#, Err(Truncated)),
			// JSON: every literal, exponent and escape.
			(
				br#"{"a":[true,false,null,-0.5e+3,0,1E-2],"b":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","p":"12"}"#,
				Ok(Ok(12)),
			),
			("{\"a\":\"é😀\",\"p\":-0.0e0}".as_bytes(), Ok(Ok(0))),
		] {
			assert_eq!(read_bytes(body), expected, "{}", String::from_utf8_lossy(body));
		}
	}

	/// Found by fuzzing the aggregation: every `i128` reads back exactly from its decimal text
	/// but `i128::MIN`, refused as an overflow (no feed's bounds come near it).
	#[test]
	fn every_value_but_i128_min_reads_back_exactly() {
		for decimals in [0, 8, 18] {
			for value in [i128::MAX, i128::MIN + 1, -1, 0, 1, 10i128.pow(20) + 7] {
				let scale = 10u128.pow(u32::from(decimals));
				let (int, frac) = (value.unsigned_abs() / scale, value.unsigned_abs() % scale);
				let sign = if value < 0 { "-" } else { "" };
				let width = usize::from(decimals);
				let text = alloc::format!("{sign}{int}.{frac:0>width$}");
				let text = text.trim_end_matches('.');
				assert_eq!(parse_decimal(text.as_bytes(), decimals), Ok(value), "{text}");
			}
			let min = if decimals == 0 {
				"-170141183460469231731687303715884105728".into()
			} else {
				let digits = "170141183460469231731687303715884105728";
				let (int, frac) = digits.split_at(digits.len() - usize::from(decimals));
				alloc::format!("-{int}.{frac}")
			};
			assert_eq!(parse_decimal(min.as_bytes(), decimals), Err(ParseError::Overflow));
		}
	}
}
