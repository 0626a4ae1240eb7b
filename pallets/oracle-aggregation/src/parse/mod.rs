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
mod tests;
