//! Test runtime: `frame_system` and this pallet, with `u64` accounts and `UintAuthorityId` keys.

use crate as pallet_oracle_aggregation;
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::{testing::UintAuthorityId, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		OracleAggregation: pallet_oracle_aggregation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The mock keeps at most three operators so that the cut is testable.
pub const MAX_OPERATORS: u32 = 3;

impl pallet_oracle_aggregation::Config for Test {
	type AuthorityId = UintAuthorityId;
	type MaxOperators = ConstU32<MAX_OPERATORS>;
}

/// Externalities with genesis storage; `try_state` is checked when the test body returns.
pub fn new_test_ext() -> TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	TestExternalities(ext)
}

/// Test externalities that run the pallet's `try_state` invariants after every test body.
pub struct TestExternalities(sp_io::TestExternalities);

impl TestExternalities {
	pub fn execute_with<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = f();
			OracleAggregation::do_try_state().expect("try_state invariants hold after the test");
			result
		})
	}
}
