//! Aggregation of values: median, mean, weighted mean and outlier rejection, on `i128` fixed
//! point with checked arithmetic only.
//!
//! The same functions serve the offchain worker (combining a feed's sources) and the chain
//! (resolving a round from the operators' submissions).

use alloc::vec::Vec;
use sp_runtime::Permill;

pub use oracle_primitives::values::{deviation, median, midpoint, moved};

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
	fn outliers_beyond_the_deviation_from_the_median_are_dropped() {
		let values = [(100, 'a'), (101, 'b'), (99, 'c'), (150, 'd'), (100, 'e')];
		let (kept, dropped) =
			reject_outliers(&values, Permill::from_percent(2)).expect("values given");
		assert_eq!(kept.iter().map(|(_, n)| *n).collect::<Vec<_>>(), ['a', 'b', 'c', 'e']);
		assert_eq!(dropped, [(150, 'd')]);
		assert!(reject_outliers::<()>(&[], Permill::one()).is_none());
	}
}
