//! Storage migrations, one module per version they lead to.

/// Version 1 to 2: kept rounds and guards gain a configuration fingerprint.
pub mod v2 {
	use crate::{
		types::{Guard, ReceivedRound, RoundId, RoundSla, Value, WindowMove},
		Config, Guards, Held, History, Latest, Pallet,
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
	use sp_runtime::{Permill, Saturating};

	/// The layouts of version 1, as they were stored.
	pub mod v1 {
		use super::*;

		/// A kept round before rounds carried their configuration's fingerprint.
		#[derive(Encode, Decode, Clone, Copy)]
		pub struct ReceivedRound<BlockNumber> {
			pub round_id: RoundId,
			pub value: Value,
			pub decimals: u8,
			pub timestamp_ms: u64,
			pub sla: RoundSla,
			pub received_at_ms: u64,
			pub received_in: BlockNumber,
		}

		impl<BlockNumber> ReceivedRound<BlockNumber> {
			/// The round in version 2: its configuration unknown.
			pub fn migrate(self) -> super::ReceivedRound<BlockNumber> {
				super::ReceivedRound {
					round_id: self.round_id,
					value: self.value,
					decimals: self.decimals,
					fingerprint: None,
					timestamp_ms: self.timestamp_ms,
					sla: self.sla,
					received_at_ms: self.received_at_ms,
					received_in: self.received_in,
				}
			}
		}

		/// A guard before it could pin a configuration.
		#[derive(Encode, Decode, Clone, Copy)]
		pub struct Guard {
			pub min_value: Option<Value>,
			pub max_value: Option<Value>,
			pub max_move: Option<Permill>,
			pub min_accepted: u32,
			pub max_dispersion: Option<Permill>,
			pub max_round_step: Option<RoundId>,
			pub max_window_move: Option<WindowMove>,
		}

		impl Guard {
			/// The guard in version 2: no configuration pinned.
			pub fn migrate(self) -> super::Guard {
				super::Guard {
					min_value: self.min_value,
					max_value: self.max_value,
					max_move: self.max_move,
					min_accepted: self.min_accepted,
					max_dispersion: self.max_dispersion,
					max_round_step: self.max_round_step,
					max_window_move: self.max_window_move,
					fingerprint: None,
				}
			}
		}
	}

	/// Rewrites every kept, held and historical round with an unknown fingerprint, and every
	/// guard with no configuration pinned. Run through [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			Latest::<T>::translate_values::<v1::ReceivedRound<BlockNumberFor<T>>, _>(|old| {
				items.saturating_inc();
				Some(old.migrate())
			});
			Held::<T>::translate_values::<v1::ReceivedRound<BlockNumberFor<T>>, _>(|old| {
				items.saturating_inc();
				Some(old.migrate())
			});
			History::<T>::translate_values::<Vec<v1::ReceivedRound<BlockNumberFor<T>>>, _>(|old| {
				items.saturating_inc();
				let rounds: Vec<_> = old.into_iter().map(|round| round.migrate()).collect();
				// As many rounds as before, which fitted the bound.
				Some(BoundedVec::defensive_truncate_from(rounds))
			});
			Guards::<T>::translate_values::<v1::Guard, _>(|old| {
				items.saturating_inc();
				Some(old.migrate())
			});
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Latest::<T>::count(), Guards::<T>::count()).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (feeds, guards) = <(u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "the state before the upgrade does not decode")?;
			ensure!(Latest::<T>::iter().count() as u32 == feeds, "a kept round was lost");
			ensure!(Guards::<T>::iter().count() as u32 == guards, "a guard was lost");
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
