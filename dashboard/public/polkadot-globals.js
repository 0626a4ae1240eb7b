// @polkadot/api 16.5.6's browser bundle takes two internals of @polkadot/types from globals that
// no bundle sets (`constants`, for '@polkadot/types/extrinsic/constants', and `util$1`, for
// '@polkadot/types/util'): without them every storage query fails with "Cannot read properties of
// undefined (reading 'unwrapStorageSi')". They are given here, from the types bundle where it
// exports them, before the api bundle loads.
globalThis.constants = {
  LATEST_EXTRINSIC_VERSION: globalThis.polkadotTypes.GenericExtrinsic.LATEST_EXTRINSIC_VERSION,
};
globalThis.util$1 = {
  // A storage entry's value type: its plain type, or its map's value type.
  unwrapStorageSi: (type) => (type.isPlain ? type.asPlain : type.asMap.value),
};
