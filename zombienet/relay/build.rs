//! Sets `SUBSTRATE_CLI_COMMIT_HASH` and the other keys the CLI and the workers report as their
//! version.

fn main() {
	substrate_build_script_utils::generate_cargo_keys();
	substrate_build_script_utils::rerun_if_git_head_changed();
}
