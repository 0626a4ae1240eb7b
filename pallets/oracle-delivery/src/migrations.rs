//! Storage migrations, one module per version they lead to.

/// Version 1 to 2: each feed entry of a subscription keeps its configuration's fingerprint.
pub mod v2 {
	use crate::{
		types::{
			CallTarget, FeedDelivery, FeedId, FeedState, PendingRound, RoundId, SendFailure,
			Subscription, Trigger, Value,
		},
		BalanceOf, Config, Pallet, Subscriptions,
	};
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{DefensiveTruncateFrom, Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use oracle_primitives::rounds::FeedStates;
	use sp_runtime::Saturating;

	/// The layouts of version 1, as they were stored.
	pub mod v1 {
		use super::*;

		/// A feed entry before it kept its configuration's fingerprint.
		#[derive(Encode, Decode, Clone, Copy)]
		pub struct FeedDelivery<BlockNumber> {
			pub feed_id: FeedId,
			pub sent_round: RoundId,
			pub sent_value: Value,
			pub sent_at: BlockNumber,
			pub pending: Option<PendingRound>,
			pub told: FeedState,
		}

		/// A subscription of such entries.
		#[derive(Encode, Decode, Clone)]
		pub struct Subscription<AccountId, Balance, BlockNumber> {
			pub owner: Option<AccountId>,
			pub deposit: Balance,
			pub target: CallTarget,
			pub trigger: Trigger<BlockNumber>,
			pub feeds: Vec<FeedDelivery<BlockNumber>>,
			pub delivered: u32,
			pub failures: u32,
			pub last_failure: Option<(BlockNumber, SendFailure)>,
			pub states_unsent: bool,
		}
	}

	/// A subscription of version 1 in this runtime.
	type OldSubscriptionOf<T> =
		v1::Subscription<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// Gives each feed entry the fingerprint of its feed's configuration now (zeros for a
	/// removed feed, which never resolves again), and drops the rounds pending in it: the
	/// configuration they resolved under is not known. Run through [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut subscriptions, mut feeds): (u64, u64) = (0, 0);
			Subscriptions::<T>::translate_values::<OldSubscriptionOf<T>, _>(|old| {
				subscriptions.saturating_inc();
				let entries: Vec<FeedDelivery<BlockNumberFor<T>>> = old
					.feeds
					.into_iter()
					.map(|entry| {
						feeds.saturating_inc();
						FeedDelivery {
							feed_id: entry.feed_id,
							fingerprint: T::Feeds::fingerprint(entry.feed_id).unwrap_or_default(),
							sent_round: entry.sent_round,
							sent_value: entry.sent_value,
							sent_at: entry.sent_at,
							pending: None,
							told: entry.told,
						}
					})
					.collect();
				Some(Subscription {
					owner: old.owner,
					deposit: old.deposit,
					target: old.target,
					trigger: old.trigger,
					// As many entries as before, which fitted the bound.
					feeds: BoundedVec::defensive_truncate_from(entries),
					delivered: old.delivered,
					failures: old.failures,
					last_failure: old.last_failure,
					states_unsent: old.states_unsent,
				})
			});
			T::DbWeight::get().reads_writes(subscriptions.saturating_add(feeds), subscriptions)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Subscriptions::<T>::iter_keys().count() as u32).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let count = u32::decode(&mut &state[..])
				.map_err(|_| "the state before the upgrade does not decode")?;
			ensure!(Subscriptions::<T>::iter().count() as u32 == count, "a subscription was lost");
			Pallet::<T>::do_try_state()
		}
	}

	/// [`UncheckedMigrateV1ToV2`], run only from storage version 1, which it sets to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
