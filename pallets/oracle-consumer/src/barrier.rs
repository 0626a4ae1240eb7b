//! What a receiving runtime admits from the oracle chain: deliveries to this pallet, nothing
//! else.
//!
//! The oracle chain's messages execute unpaid (it charges its subscribers itself), so the
//! receiving chain should grant it exactly the power to deliver rounds. [`AllowDeliveriesFrom`]
//! is the barrier entry that does: from the oracle chain's location it admits only
//! `UnpaidExecution` followed by one `Transact` of this pallet's `deliver` with
//! `OriginKind::Xcm` (a trailing `SetTopic` is taken off before, by `TrailingSetTopicAsId`),
//! whose weight is within a bound the runtime sets (its largest delivery). [`NotFrom`] wraps
//! the runtime's other origin converters so that the oracle chain's location never becomes a
//! sovereign account or a native origin there, whatever a message of it says.

use crate::{Config, Pallet};
use core::marker::PhantomData;
use frame_support::{
	ensure,
	traits::{Get, PalletInfoAccess, ProcessMessageError},
	weights::Weight,
};
use xcm::latest::{Instruction, Location, OriginKind, WeightLimit};
use xcm_executor::traits::{ConvertOrigin, Properties, ShouldExecute};

/// The call index of [`crate::Call::deliver`].
pub const DELIVER_CALL_INDEX: u8 = 0;

/// Admits from `Oracle` exactly a delivery to pallet `T`: `UnpaidExecution` (with a weight limit
/// covering the message, and no other origin to check) and one `Transact` with
/// `OriginKind::Xcm` whose call is this pallet's `deliver`, the whole message weighing at most
/// `MaxWeight`. Anything else from `Oracle` is left to the other entries of the barrier, and
/// anything from elsewhere is not this entry's to admit.
pub struct AllowDeliveriesFrom<T, Oracle, MaxWeight>(PhantomData<(T, Oracle, MaxWeight)>);

impl<T, Oracle, MaxWeight> ShouldExecute for AllowDeliveriesFrom<T, Oracle, MaxWeight>
where
	T: Config,
	Oracle: Get<Location>,
	MaxWeight: Get<Weight>,
{
	fn should_execute<RuntimeCall>(
		origin: &Location,
		instructions: &mut [Instruction<RuntimeCall>],
		max_weight: Weight,
		_properties: &mut Properties,
	) -> Result<(), ProcessMessageError> {
		ensure!(*origin == Oracle::get(), ProcessMessageError::Unsupported);
		let [Instruction::UnpaidExecution { weight_limit, check_origin }, Instruction::Transact { origin_kind: OriginKind::Xcm, call, .. }] =
			instructions
		else {
			return Err(ProcessMessageError::Unsupported);
		};
		ensure!(check_origin.is_none(), ProcessMessageError::Unsupported);
		let WeightLimit::Limited(limit) = weight_limit else {
			return Err(ProcessMessageError::Unsupported);
		};
		ensure!(limit.all_gte(max_weight), ProcessMessageError::Overweight(max_weight));
		ensure!(max_weight.all_lte(MaxWeight::get()), ProcessMessageError::Overweight(max_weight));
		let pallet = u8::try_from(<Pallet<T> as PalletInfoAccess>::index())
			.map_err(|_| ProcessMessageError::Unsupported)?;
		ensure!(
			call.encoded().get(..2) == Some(&[pallet, DELIVER_CALL_INDEX][..]),
			ProcessMessageError::Unsupported
		);
		Ok(())
	}
}

/// The origin converter `Inner`, except for `Location`, which it never converts.
pub struct NotFrom<Location, Inner>(PhantomData<(Location, Inner)>);

impl<L, Inner, RuntimeOrigin> ConvertOrigin<RuntimeOrigin> for NotFrom<L, Inner>
where
	L: Get<Location>,
	Inner: ConvertOrigin<RuntimeOrigin>,
{
	fn convert_origin(
		origin: impl Into<Location>,
		kind: OriginKind,
	) -> Result<RuntimeOrigin, Location> {
		let origin = origin.into();
		if origin == L::get() {
			return Err(origin);
		}
		Inner::convert_origin(origin, kind)
	}
}
