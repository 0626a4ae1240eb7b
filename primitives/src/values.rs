//! The arithmetic every side judges values with, on `i128` fixed point, without floats and
//! without overflow.

use crate::Value;
use sp_arithmetic::Permill;

/// How far `value` is from `reference`, relative to `reference`, rounded down and saturating
/// at 100 % (any difference from a zero reference is 100 %).
pub fn deviation(value: Value, reference: Value) -> Permill {
	let difference = value.abs_diff(reference);
	let base = reference.unsigned_abs();
	if base == 0 {
		return if difference == 0 { Permill::zero() } else { Permill::one() };
	}
	// `difference.min(base) / base` is at most one: no overflow, rounded down.
	Permill::from_rational(difference.min(base), base)
}

/// Whether `value` moved from `last` by at least `threshold`.
pub fn moved(value: Value, last: Value, threshold: Permill) -> bool {
	deviation(value, last) >= threshold
}

/// The median of `values` (sorted in place); an even count gives the mean of the two middle
/// values, rounded toward negative infinity. `None` for no values.
pub fn median(values: &mut [Value]) -> Option<Value> {
	if values.is_empty() {
		return None;
	}
	values.sort_unstable();
	let mid = values.len() / 2;
	let upper = *values.get(mid)?;
	if values.len() % 2 == 1 {
		return Some(upper);
	}
	let lower = *values.get(mid.checked_sub(1)?)?;
	Some(midpoint(lower, upper))
}

/// `(a + b) / 2` rounded toward negative infinity, without overflow.
pub fn midpoint(a: Value, b: Value) -> Value {
	// a/2 + b/2 with the halves' remainders added back.
	let (qa, ra) = (a.div_euclid(2), a.rem_euclid(2));
	let (qb, rb) = (b.div_euclid(2), b.rem_euclid(2));
	qa.saturating_add(qb).saturating_add(ra.saturating_add(rb) / 2)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn deviation_is_relative_rounded_down_and_saturates() {
		assert_eq!(deviation(100, 100), Permill::zero());
		assert_eq!(deviation(101, 100), Permill::from_percent(1));
		assert_eq!(deviation(99, 100), Permill::from_percent(1));
		assert_eq!(deviation(-101, -100), Permill::from_percent(1));
		// 1/3 rounds down.
		assert_eq!(deviation(4, 3), Permill::from_parts(333_333));
		assert_eq!(deviation(1_000, 100), Permill::one());
		assert_eq!(deviation(300, 100), Permill::one());
		assert_eq!(deviation(-99, -100), Permill::from_percent(1));
		assert_eq!(deviation(i128::MAX, i128::MIN), Permill::one());
		assert_eq!(deviation(i128::MIN, i128::MAX), Permill::one());
		assert_eq!(deviation(0, 0), Permill::zero());
		assert_eq!(deviation(1, 0), Permill::one());
		assert!(moved(110, 100, Permill::from_percent(10)));
		assert!(!moved(109, 100, Permill::from_percent(10)));
	}

	#[test]
	fn median_of_odd_and_even_counts() {
		assert_eq!(median(&mut []), None);
		assert_eq!(median(&mut [7]), Some(7));
		assert_eq!(median(&mut [3, 1, 2]), Some(2));
		assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
		assert_eq!(median(&mut [10, 20]), Some(15));
		assert_eq!(median(&mut [-3, -2]), Some(-3));
		assert_eq!(median(&mut [i128::MIN, i128::MAX]), Some(-1));
		assert_eq!(median(&mut [i128::MAX, i128::MAX]), Some(i128::MAX));
		assert_eq!(median(&mut [i128::MIN, i128::MIN]), Some(i128::MIN));
		assert_eq!(midpoint(i128::MIN, i128::MAX), -1);
	}
}
