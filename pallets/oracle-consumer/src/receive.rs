//! Receiving deliveries: each round kept, held or refused by the feed's guard and scale, and
//! the oracle's feed states taken.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;
use xcm::latest::Location;

impl<T: Config> Pallet<T> {
	/// Checks a delivery's shape, then keeps each of its rounds that passes
	/// [`Self::refusal`] and its feed's `max_move`, and holds those that pass only the
	/// former.
	pub fn do_deliver(
		from: Location,
		rounds: DeliveryOf<T>,
		statuses: StatusesOf<T>,
	) -> DispatchResult {
		ensure!(!rounds.is_empty() || !statuses.is_empty(), Error::<T>::EmptyDelivery);
		ensure!(
			rounds.windows(2).all(|pair| match pair {
				[before, after] => before.feed_id < after.feed_id,
				_ => true,
			}) && statuses.windows(2).all(|pair| match pair {
				[before, after] => before.feed_id < after.feed_id,
				_ => true,
			}),
			Error::<T>::UnsortedDelivery
		);
		let received_at_ms = Self::now_ms();
		let received_in = frame_system::Pallet::<T>::block_number();
		let mut feeds = Latest::<T>::count();
		let paused = Paused::<T>::get();
		for round in rounds {
			let feed_id = round.feed_id;
			let latest = Latest::<T>::get(feed_id);
			let held = Held::<T>::get(feed_id);
			let guard = Guards::<T>::get(feed_id);
			let told = OracleStatus::<T>::get(feed_id);
			let refusal = if paused {
				Some(Refusal::ReceiverPaused)
			} else if Frozen::<T>::contains_key(feed_id) {
				Some(Refusal::Frozen)
			} else if told == Some(FeedState::Removed) {
				Some(Refusal::RemovedAtOracle)
			} else {
				Self::refusal(&round, latest.as_ref(), held.as_ref(), guard.as_ref(), feeds)
			};
			if let Some(reason) = refusal {
				Self::deposit_event(Event::RoundRefused {
					from: from.clone(),
					feed_id,
					round_id: round.round_id,
					reason,
				});
				continue;
			}
			let received = ReceivedRound {
				round_id: round.round_id,
				value: round.value,
				decimals: round.decimals,
				fingerprint: Some(round.fingerprint),
				timestamp_ms: round.timestamp_ms,
				sla: round.sla,
				received_at_ms,
				received_in,
			};
			let guard = guard.unwrap_or_default();
			let had_held = held.is_some();
			let mut keep = alloc::vec![received];
			if let Some(latest) = &latest {
				// With a `max_move`, a feed takes one round per block: a second one in the
				// block of its latest is held as if it moved too far, so that moves cannot be
				// chained within a block, and a held round is confirmed only from a later
				// block.
				let same_block = latest.received_in == received_in;
				let history = History::<T>::get(feed_id);
				let moved = guard.holds(latest.value, &history, received_at_ms, round.value);
				if moved || (guard.limits_moves() && same_block) {
					match held {
						Some(held)
							if held.received_in < received_in
								&& !same_block && guard.confirms(held.value, round.value) =>
						{
							// The move is confirmed: the held round is kept first.
							keep.insert(0, held);
						},
						_ => {
							Held::<T>::insert(feed_id, received);
							Self::deposit_event(Event::RoundHeld {
								from: from.clone(),
								feed_id,
								round_id: round.round_id,
								value: round.value,
							});
							continue;
						},
					}
				} else if let Some(held) = held {
					Self::deposit_event(Event::HeldRoundDropped {
						feed_id,
						round_id: held.round_id,
					});
				}
			}
			if had_held {
				Held::<T>::remove(feed_id);
			}
			if latest.is_none() {
				feeds = feeds.saturating_add(1);
			}
			History::<T>::mutate(feed_id, |history| {
				for kept in &keep {
					// Appends, dropping the oldest round when the history is full; refused
					// only with a bound of 0, which `integrity_test` rules out.
					let end = history.len();
					let _ = history.force_insert_keep_right(end, *kept);
				}
			});
			let mut before = latest.and_then(|latest| latest.fingerprint);
			for kept in keep {
				if let (Some(before), Some(now)) = (before, kept.fingerprint) {
					if before != now {
						Self::deposit_event(Event::FeedConfigChanged {
							from: from.clone(),
							feed_id,
							round_id: kept.round_id,
							fingerprint: now,
						});
					}
				}
				before = kept.fingerprint.or(before);
				Latest::<T>::insert(feed_id, kept);
				Self::deposit_event(Event::RoundReceived {
					from: from.clone(),
					feed_id,
					round_id: kept.round_id,
					value: kept.value,
				});
			}
		}
		for StatusUpdate { feed_id, state } in statuses {
			if !Latest::<T>::contains_key(feed_id) {
				Self::deposit_event(Event::StatusIgnored { from: from.clone(), feed_id });
				continue;
			}
			match state {
				FeedState::Active => OracleStatus::<T>::remove(feed_id),
				FeedState::Paused | FeedState::Removed => OracleStatus::<T>::insert(feed_id, state),
			}
			Self::deposit_event(Event::OracleStatusSet { from: from.clone(), feed_id, state });
		}
		Ok(())
	}

	/// Why `round` is not kept (nor held), given its feed's `latest` kept round, its `held`
	/// round, its `guard` and the number of `feeds` kept; `None` if it may be.
	pub fn refusal(
		round: &DeliveredRound,
		latest: Option<&ReceivedRoundOf<T>>,
		held: Option<&ReceivedRoundOf<T>>,
		guard: Option<&Guard>,
		feeds: u32,
	) -> Option<Refusal> {
		if round.decimals > MAX_DECIMALS {
			return Some(Refusal::BadDecimals);
		}
		let newest = latest.map(|latest| latest.round_id).max(held.map(|held| held.round_id));
		let basic = match latest {
			Some(_) if Some(round.round_id) <= newest => Some(Refusal::NotNewer),
			Some(latest) if round.decimals != latest.decimals => {
				Some(Refusal::ScaleChanged { kept: latest.decimals })
			},
			Some(_) => None,
			None if round.round_id == 0 => Some(Refusal::NotNewer),
			None if feeds >= T::MaxFeeds::get() => Some(Refusal::TooManyFeeds),
			None => None,
		};
		basic.or_else(|| guard.and_then(|guard| guard.refusal(round, newest)))
	}
}
