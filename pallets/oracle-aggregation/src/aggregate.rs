//! Aggregation of values: median, mean, weighted mean and outlier rejection, on `i128` fixed
//! point with checked arithmetic only.
//!
//! The same functions serve the offchain worker (combining a feed's sources) and the chain
//! (resolving a round from the operators' submissions).

use alloc::vec::Vec;
use sp_runtime::Permill;

/// The median of `values`; an even count gives the mean of the two middle values, rounded
/// toward negative infinity. `None` for no values.
pub fn median(values: &mut [i128]) -> Option<i128> {
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
pub fn midpoint(a: i128, b: i128) -> i128 {
	// a/2 + b/2 with the halves' remainders added back.
	let (qa, ra) = (a.div_euclid(2), a.rem_euclid(2));
	let (qb, rb) = (b.div_euclid(2), b.rem_euclid(2));
	qa.saturating_add(qb).saturating_add(ra.saturating_add(rb) / 2)
}

/// The arithmetic mean of `values`, rounded toward negative infinity. `None` for no values or
/// when the sum leaves `i128`.
pub fn mean(values: &[i128]) -> Option<i128> {
	if values.is_empty() {
		return None;
	}
	let mut sum: i128 = 0;
	for value in values {
		sum = sum.checked_add(*value)?;
	}
	let count = i128::try_from(values.len()).ok()?;
	Some(sum.div_euclid(count))
}

/// The mean of `values` after dropping the `trim` lowest and the `trim` highest, rounded toward
/// negative infinity; `None` when nothing is left or the sum leaves `i128`. With at most `trim`
/// of the values arbitrary, the result lies within the range of the others: every value kept
/// has at least `trim` values at or below it and `trim` at or above it.
pub fn trimmed_mean(values: &mut [i128], trim: usize) -> Option<i128> {
	values.sort_unstable();
	let end = values.len().checked_sub(trim)?;
	mean(values.get(trim..end)?)
}

/// The lowest and highest of `values` after dropping the `trim` lowest and the `trim` highest;
/// `None` when nothing is left. With at most `trim` of the values arbitrary, both ends lie
/// within the range of the others, and the median lies between them.
pub fn trimmed_band(values: &mut [i128], trim: usize) -> Option<(i128, i128)> {
	values.sort_unstable();
	let end = values.len().checked_sub(trim)?;
	let kept = values.get(trim..end)?;
	Some((*kept.first()?, *kept.last()?))
}

/// The mean of `values` weighted by their `u32` weights. Values of weight zero do not count;
/// `None` when no weight is left or the sum leaves `i128`.
pub fn weighted_mean(values: &[(i128, u32)]) -> Option<i128> {
	let mut sum: i128 = 0;
	let mut total: i128 = 0;
	for (value, weight) in values {
		let weight = i128::from(*weight);
		sum = sum.checked_add(value.checked_mul(weight)?)?;
		total = total.checked_add(weight)?;
	}
	if total == 0 {
		return None;
	}
	Some(sum.div_euclid(total))
}

/// `|value - reference|` as a fraction of `|reference|`, saturating at 100 %. A zero reference
/// gives 0 % for an equal value and 100 % otherwise.
pub fn deviation(value: i128, reference: i128) -> Permill {
	let diff = value.abs_diff(reference);
	let base = reference.unsigned_abs();
	if base == 0 {
		return if diff == 0 { Permill::zero() } else { Permill::one() };
	}
	if diff >= base {
		return Permill::one();
	}
	// diff < base: diff * 1_000_000 / base < 1_000_000; compute without overflow.
	Permill::from_rational(diff, base)
}

/// Whether `value` moved from `last` by at least `threshold`: what makes an answer a witness
/// that a feed's round is due before its heartbeat.
pub fn moved(value: i128, last: i128, threshold: Permill) -> bool {
	deviation(value, last) >= threshold
}

/// Values with something attached, split in two: `(kept, dropped)`.
pub type Split<T> = (Vec<(i128, T)>, Vec<(i128, T)>);

/// Splits `values` into those within `max_deviation` of their median and those beyond it.
/// Returns `(kept, dropped)`, each in the input's order, or `None` for no values.
pub fn reject_outliers<T: Clone>(values: &[(i128, T)], max_deviation: Permill) -> Option<Split<T>> {
	let mut raw: Vec<i128> = values.iter().map(|(v, _)| *v).collect();
	let center = median(&mut raw)?;
	let (kept, dropped): Split<T> = values
		.iter()
		.cloned()
		.partition(|(v, _)| deviation(*v, center) <= max_deviation);
	Some((kept, dropped))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn median_of_odd_and_even_counts() {
		assert_eq!(median(&mut []), None);
		assert_eq!(median(&mut [7]), Some(7));
		assert_eq!(median(&mut [3, 1, 2]), Some(2));
		assert_eq!(median(&mut [4, 1, 3, 2]), Some(2)); // (2 + 3) / 2 = 2.5, toward -inf
		assert_eq!(median(&mut [10, 20]), Some(15));
		assert_eq!(median(&mut [-3, -2]), Some(-3)); // -2.5 toward -inf
		assert_eq!(median(&mut [i128::MAX, i128::MAX]), Some(i128::MAX));
		assert_eq!(median(&mut [i128::MIN, i128::MAX]), Some(-1));
	}

	#[test]
	fn mean_and_weighted_mean_are_exact_or_none() {
		assert_eq!(mean(&[]), None);
		assert_eq!(mean(&[1, 2, 3, 4]), Some(2));
		assert_eq!(mean(&[-1, -2]), Some(-2));
		assert_eq!(mean(&[i128::MAX, 1]), None);
		assert_eq!(weighted_mean(&[(100, 1), (200, 3)]), Some(175));
		assert_eq!(weighted_mean(&[(100, 0)]), None);
		assert_eq!(weighted_mean(&[(i128::MAX, 2)]), None);
	}

	#[test]
	fn deviation_is_relative_and_saturates() {
		assert_eq!(deviation(101, 100), Permill::from_percent(1));
		assert_eq!(deviation(99, 100), Permill::from_percent(1));
		assert_eq!(deviation(-99, -100), Permill::from_percent(1));
		assert_eq!(deviation(300, 100), Permill::one());
		assert_eq!(deviation(0, 0), Permill::zero());
		assert_eq!(deviation(1, 0), Permill::one());
		assert_eq!(deviation(i128::MIN, i128::MAX), Permill::one());
	}

	#[test]
	fn outliers_beyond_the_deviation_from_the_median_are_dropped() {
		let values = [(100, 'a'), (101, 'b'), (99, 'c'), (150, 'd'), (100, 'e')];
		let (kept, dropped) =
			reject_outliers(&values, Permill::from_percent(2)).expect("values given");
		assert_eq!(kept.iter().map(|(_, n)| *n).collect::<Vec<_>>(), ['a', 'b', 'c', 'e']);
		assert_eq!(dropped, [(150, 'd')]);
		assert!(reject_outliers::<()>(&[], Permill::one()).is_none());
	}
}
