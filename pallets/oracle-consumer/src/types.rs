//! What the oracle chain delivers and what the receiving chain keeps.
//!
//! [`DeliveredRound`] is the wire format (from `oracle-primitives`, which the sender shares):
//! the oracle chain encodes a bounded vector of them as the argument of [`crate::Call::deliver`]
//! in the `Transact` it sends, so its encoding must stay as it is (a test pins it).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{FixedPointNumber, FixedU128, Permill};

pub use oracle_primitives::{
	wire::{DeliveredRound, FeedState, RoundSla, StatusUpdate},
	ConfigFingerprint, FeedId, ReadError, RoundId, Value, MAX_DECIMALS,
};

/// A round as this chain keeps it.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub struct ReceivedRound<BlockNumber> {
	/// The round.
	pub round_id: RoundId,
	/// The resolved value.
	pub value: Value,
	/// The decimals of `value`.
	pub decimals: u8,
	/// The fingerprint of the feed's configuration the round resolved under (`None`: it
	/// arrived before rounds carried one).
	pub fingerprint: Option<ConfigFingerprint>,
	/// The oracle chain's time of the resolution, in ms since the Unix epoch.
	pub timestamp_ms: u64,
	/// How the operators did in the round.
	pub sla: RoundSla,
	/// This chain's time when the round arrived, in ms since the Unix epoch: staleness counts
	/// from here, by this chain's clock only.
	pub received_at_ms: u64,
	/// This chain's block the round arrived in.
	pub received_in: BlockNumber,
}

/// Why a delivered round was not kept (the other rounds of its delivery are judged on their
/// own).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Refusal {
	/// Its id is not larger than the feed's latest (a repeated or older round), or is 0.
	NotNewer,
	/// Its value has more than [`MAX_DECIMALS`] decimals.
	BadDecimals,
	/// Its decimals differ from those of the feed's kept rounds: a value of another scale is
	/// never served under the same feed. The feed keeps its last value of the kept scale, which
	/// goes stale (reads then fail) unless rounds of that scale arrive again; removing the feed
	/// lets it start anew at the new scale.
	ScaleChanged {
		/// The decimals of the feed's kept rounds.
		kept: u8,
	},
	/// It resolved under another configuration of the feed than the one its [`Guard`] pins
	/// ([`Guard::fingerprint`]).
	ConfigChanged {
		/// The fingerprint the round carried.
		delivered: ConfigFingerprint,
	},
	/// It would start a feed beyond [`crate::Config::MaxFeeds`].
	TooManyFeeds,
	/// This chain's admin froze the feed (or removed it, which freezes it).
	Frozen,
	/// Its value is outside the feed's [`Guard`] bounds.
	OutOfBounds,
	/// Its SLA summary is below the feed's [`Guard`] quality floor: fewer accepted answers
	/// than `min_accepted`, or a dispersion above `max_dispersion`.
	BelowQuality,
	/// Its id is more than the feed's [`Guard::max_round_step`] past the feed's newest round.
	RoundJump,
	/// The oracle chain said it removed the feed.
	RemovedAtOracle,
	/// This chain's admin paused the whole receiver.
	ReceiverPaused,
}

/// The guardrails a receiving chain's admin sets on one feed. A round that breaks a bound, the
/// quality floor or the round step is refused; a round that moves more than `max_move` from
/// the feed's latest value is held, not served, until the next round confirms it.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct Guard {
	/// Values below are refused.
	pub min_value: Option<Value>,
	/// Values above are refused.
	pub max_value: Option<Value>,
	/// The largest move from the latest kept value, relative to it. A round beyond is held:
	/// the latest value stays the one served (and goes stale by `max_age` as any other), and
	/// the held round is kept only when the next round, in a later block, lands within
	/// `max_move` of it (the move is confirmed). A next round within `max_move` of the latest
	/// value is kept instead and the held one dropped; a next round beyond both replaces the
	/// held one. With a `max_move` a feed takes one round per block: another in the block of
	/// its latest is held. This stops a single wrong round; a value the oracle chain sends
	/// twice, blocks apart, is confirmed.
	pub max_move: Option<Permill>,
	/// The fewest operators' answers the round must have accepted.
	pub min_accepted: u32,
	/// The largest dispersion of the operators' answers the round may have.
	pub max_dispersion: Option<Permill>,
	/// The largest step of round id past the feed's newest round (kept or held).
	pub max_round_step: Option<RoundId>,
	/// The largest move within a time window: a round further than its `max_move` from any
	/// value this chain kept for the feed in the last `window_ms` (by this chain's clock, among
	/// the rounds of its history) is held as a round beyond `max_move` is, and confirmed or
	/// dropped the same way. Moves each within `max_move` are caught when together they drift
	/// further within the window.
	pub max_window_move: Option<WindowMove>,
	/// The feed's configuration on the oracle chain this chain reviewed: a round resolved
	/// under another one (other sources, bounds, aggregation, ...) is refused until the admin
	/// pins the new one. `None`: any configuration.
	pub fingerprint: Option<ConfigFingerprint>,
}

/// The largest move of a feed's value within a time window (see [`Guard::max_window_move`]).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub struct WindowMove {
	/// The largest move from any value kept in the window, relative to that value.
	pub max_move: Permill,
	/// The window, in ms of this chain's clock back from a round's arrival.
	pub window_ms: u64,
}

impl Guard {
	/// Whether the bounds are consistent: `min_value` at most `max_value`, and a `max_move` or
	/// round step that lets something through.
	pub fn is_valid(&self) -> bool {
		let bounds = match (self.min_value, self.max_value) {
			(Some(min), Some(max)) => min <= max,
			_ => true,
		};
		bounds
			&& self.max_round_step != Some(0)
			&& self.max_window_move.is_none_or(|window| window.window_ms > 0)
	}

	/// Whether moves are limited at all (by `max_move` or `max_window_move`): a feed then
	/// takes one round per block.
	pub fn limits_moves(&self) -> bool {
		self.max_move.is_some() || self.max_window_move.is_some()
	}

	/// Whether `to`, arriving at `now_ms`, moves too far: beyond `max_move` from `latest`, or
	/// beyond the window's move from a round of `history` kept within the window.
	pub fn holds<B>(
		&self,
		latest: Value,
		history: &[ReceivedRound<B>],
		now_ms: u64,
		to: Value,
	) -> bool {
		let beyond_window = self.max_window_move.is_some_and(|window| {
			history.iter().any(|kept| {
				kept.received_at_ms.saturating_add(window.window_ms) >= now_ms
					&& beyond(window.max_move, kept.value, to)
			})
		});
		beyond_window || self.moves_beyond(latest, to)
	}

	/// Whether `to` confirms a held round of value `held`: within every limit on moves set,
	/// from the held value.
	pub fn confirms(&self, held: Value, to: Value) -> bool {
		!self.moves_beyond(held, to)
			&& !self.max_window_move.is_some_and(|window| beyond(window.max_move, held, to))
	}

	/// Why `round` breaks the pinned configuration, the bounds, the quality floor or the round
	/// step past `newest`.
	pub fn refusal(&self, round: &DeliveredRound, newest: Option<RoundId>) -> Option<Refusal> {
		if self.fingerprint.is_some_and(|pinned| pinned != round.fingerprint) {
			return Some(Refusal::ConfigChanged { delivered: round.fingerprint });
		}
		if self.min_value.is_some_and(|min| round.value < min)
			|| self.max_value.is_some_and(|max| round.value > max)
		{
			return Some(Refusal::OutOfBounds);
		}
		if round.sla.accepted < self.min_accepted
			|| self.max_dispersion.is_some_and(|max| round.sla.dispersion > max)
		{
			return Some(Refusal::BelowQuality);
		}
		match (self.max_round_step, newest) {
			(Some(step), Some(newest)) if round.round_id.saturating_sub(newest) > step => {
				Some(Refusal::RoundJump)
			},
			_ => None,
		}
	}

	/// Whether `to` is more than `max_move` away from `from`, relative to `from`.
	pub fn moves_beyond(&self, from: Value, to: Value) -> bool {
		self.max_move.is_some_and(|max_move| beyond(max_move, from, to))
	}
}

/// Whether `to` is more than `max_move` away from `from`, relative to `from`.
fn beyond(max_move: Permill, from: Value, to: Value) -> bool {
	to.abs_diff(from) > max_move.mul_floor(from.unsigned_abs())
}

/// `value` with `decimals` decimals as a [`FixedU128`] (18 decimals, digits beyond dropped):
/// `None` for a negative value or one beyond `FixedU128`.
pub fn to_fixed(value: Value, decimals: u8) -> Option<FixedU128> {
	let value = u128::try_from(value).ok()?;
	let accuracy = FixedU128::DIV;
	let scale = 10u128.checked_pow(u32::from(decimals))?;
	let inner = if scale <= accuracy {
		value.checked_mul(accuracy.checked_div(scale)?)?
	} else {
		value.checked_div(scale.checked_div(accuracy)?)?
	};
	Some(FixedU128::from_inner(inner))
}
