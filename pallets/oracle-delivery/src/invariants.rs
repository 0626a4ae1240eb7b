//! The invariants of the pallet's storage, checked by `try_state`.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;
use oracle_primitives::rounds::FeedStates;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: the counters count the subscriptions, within their
	/// bounds; ids are below the next id; feeds ascend; an existing feed's entry has its
	/// configuration's fingerprint; a pending round is newer than the last delivered; an owner's
	/// deposit is what its feeds need and is held.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let mut total: u32 = 0;
		let mut per_para = alloc::collections::BTreeMap::<ParaId, u32>::new();
		let mut held = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let next_id = NextSubscriptionId::<T>::get();
		for (para, id, sub) in Subscriptions::<T>::iter() {
			total = total.saturating_add(1);
			per_para.entry(para).or_default().saturating_inc();
			ensure!(id < next_id, "a subscription id not below the next id");
			ensure!(!sub.feeds.is_empty(), "a subscription without feeds");
			ensure!(
				sub.feeds.windows(2).all(|pair| match pair {
					[a, b] => a.feed_id < b.feed_id,
					_ => true,
				}),
				"a subscription's feeds do not ascend"
			);
			for entry in sub.feeds.iter() {
				if let Some(fingerprint) = T::Feeds::fingerprint(entry.feed_id) {
					ensure!(
						entry.fingerprint == fingerprint,
						"an entry's fingerprint is not its feed's configuration's"
					);
				}
				if let Some(round) = entry.pending {
					ensure!(round.feed_id == entry.feed_id, "a pending round of another feed");
					ensure!(round.round_id > entry.sent_round, "a pending round not newer");
				}
			}
			match &sub.owner {
				Some(owner) => {
					ensure!(
						sub.deposit == Self::deposit_for(sub.feeds.len() as u32),
						"a deposit that does not match the feeds"
					);
					let sum = held.entry(owner.clone()).or_default();
					*sum = sum.saturating_add(sub.deposit);
				},
				None => ensure!(sub.deposit.is_zero(), "a deposit without an owner"),
			}
		}
		ensure!(total == SubscriptionCount::<T>::get(), "the subscription count is off");
		ensure!(total <= T::MaxSubscriptions::get(), "more subscriptions than allowed");
		for (para, count) in ParaSubscriptions::<T>::iter() {
			ensure!(per_para.get(&para) == Some(&count), "a parachain's count is off");
			ensure!(count <= T::MaxSubscriptionsPerPara::get(), "too many for a parachain");
		}
		ensure!(
			per_para.len() == ParaSubscriptions::<T>::iter().count(),
			"a parachain without its count"
		);
		for (owner, deposit) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::SubscriptionDeposit.into(), &owner)
					== deposit,
				"an owner's held deposit differs from its subscriptions'"
			);
		}
		Ok(())
	}
}
